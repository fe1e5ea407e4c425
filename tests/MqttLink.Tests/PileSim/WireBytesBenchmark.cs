using System.Text.Json;
using ChargeController.Firmware.Config;
using ChargeController.PileSim;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using MQTTnet;
using MQTTnet.Formatter;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// Bytes on the wire, a benchmark (docs/performance.md, Bytes on the wire): a simulated pile on a real TLS 1.2 connection
/// to mosquitto, an idle day and then a one-hour session at 32 A on virtual time, counted by the kernel (`ss -ti`: payload
/// and segments each way, TCP and TLS handshakes and acknowledgements included) on the connection that carries the pile's
/// TLS stream to the broker. Virtual time runs far faster than the keepalive's real seconds, so the pings are counted
/// from the times the pile sent (M2Mqtt's rule, <see cref="KeepAlivePings"/>) and each is charged what one ping
/// exchange measures on a real TLS connection. It prints its figures and holds the idle day to the budget.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class WireBytesBenchmark(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// The most an idle pile may cost on the wire a day (100 KB), with the headers the device sends: lwIP sends no TCP
    /// options after the handshake, so the broker's Linux does not either (this machine's own connection carries 12 bytes
    /// of timestamps on every segment, printed too).
    /// </summary>
    public const long IdleDayBudgetBytes = 100_000;
    private const string Pile = "cc-0003";
    private const long DayMs = 24 * 3_600_000L;

    private readonly Mosquitto _broker = new();

    public void Dispose() => _broker.Dispose();

    [Fact]
    public void AnIdleDayOnTheWireStaysWithinItsBudgetAndASessionIsMeasured()
    {
        var ping = PingExchange();
        var ca = PileSimBrokerOptionsTests.Temp("ca.pem", _broker.Certificates.CaPem);
        var settings = new BrokerSettings(new[] { ("127.0.0.1", _broker.TlsPort) }, ca, Pile, Mosquitto.PasswordOf(Pile), Pile);
        using var session = BrokerSession.Open(settings, out var failure) ?? throw new InvalidOperationException(failure);
        var trace = new TraceLines();
        var config = new PileConfig();
        var pile = new SimulatedPile(config, new JsonTraceWriter(trace), null, session.Link, session.Link, session.LinkSettings);
        var keepAliveMs = config.Get(ConfigKeys.KeepAliveS) * 1000L;

        pile.Start();
        pile.AdvanceTo(2_000);
        var connected = Settled();
        pile.AdvanceTo(DayMs);
        var day = Settled();
        var dayPings = PingsBetween(trace, 0, DayMs, keepAliveMs);

        var from = DayMs + 60_000;
        pile.AdvanceTo(from);
        var beforeSession = Settled();
        Apply(pile, from, "plug 32A");
        Apply(pile, from + 1_000, "ev ready");
        Apply(pile, from + 1_000 + 3_600_000, "unplug");
        var to = from + 1_000 + 3_600_000 + 60_000;
        pile.AdvanceTo(to);
        var hour = Settled() - beforeSession;
        var hourPings = PingsBetween(trace, from, to, keepAliveMs);

        foreach (var header in new[] { TcpTraffic.LinuxHeaderBytes, TcpTraffic.PlainHeaderBytes })
        {
            output.WriteLine($"{header} bytes of IP/TCP header a segment, keepalive {keepAliveMs / 1000} s:");
            output.WriteLine($"  a ping exchange          {Per(ping, 10, header),8:F0} bytes ({ping.Segments / 10.0:F1} segments)");
            output.WriteLine($"  connect (TCP, TLS, MQTT) {connected.IpBytes(header),8} bytes ({connected.Segments} segments, boot messages included)");
            output.WriteLine($"  idle day                 {Wire(day, dayPings, ping, header),8:F0} bytes ({day.IpBytes(header)} without its {dayPings} pings)");
            output.WriteLine($"  one-hour session         {Wire(hour, hourPings, ping, header),8:F0} bytes ({hour.IpBytes(header)} without its {hourPings} pings)");
        }
        Assert.InRange(Wire(day, dayPings, ping, TcpTraffic.PlainHeaderBytes), 1, IdleDayBudgetBytes);
    }

    private static double Per(TcpTraffic exchanges, int count, int header) => exchanges.IpBytes(header) / (double)count;

    private static double Wire(TcpTraffic measured, long pings, TcpTraffic tenPings, int header) =>
        measured.IpBytes(header) + pings * Per(tenPings, 10, header);

    /// <summary>The relay's connection to the broker, which carries the pile's TLS stream, once late acknowledgements are in.</summary>
    private TcpTraffic Settled()
    {
        Thread.Sleep(300); // the kernel's delayed acknowledgement (40 ms and more) of what was sent last
        return TcpCounters.ToPort(_broker.TlsPort);
    }

    /// <summary>Ten PINGREQ/PINGRESP exchanges on a TLS connection of their own, each with its acknowledgement.</summary>
    private TcpTraffic PingExchange()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.TlsPort).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(Pile).WithCredentials(Pile, Mosquitto.PasswordOf(Pile)).WithKeepAlivePeriod(TimeSpan.Zero)
            .WithTlsOptions(tls => tls.UseTls().WithTargetHost("127.0.0.1").WithTrustChain(new(_broker.Certificates.Ca))).Build();
        client.ConnectAsync(options).GetAwaiter().GetResult();
        var before = Settled();
        for (var i = 0; i < 10; i++)
        {
            client.PingAsync().GetAwaiter().GetResult();
            Thread.Sleep(300); // its acknowledgement goes alone, as it does when the next ping is minutes away
        }
        var pings = TcpCounters.ToPort(_broker.TlsPort) - before;
        client.DisconnectAsync().GetAwaiter().GetResult();
        Thread.Sleep(300);
        return pings;
    }

    private static long PingsBetween(TraceLines trace, long fromMs, long toMs, long keepAliveMs)
    {
        var pings = new KeepAlivePings(keepAliveMs);
        pings.Reset(fromMs);
        foreach (var line in trace.All.Where(l => l.Contains("\"ev\":\"mqtt\",\"dir\":\"out\"")))
        {
            var t = JsonDocument.Parse(line).RootElement.GetProperty("t").GetInt64();
            if (t >= fromMs && t <= toMs)
                pings.Sent(t);
        }
        pings.Until(toMs);
        return pings.Count;
    }

    private static void Apply(SimulatedPile pile, long atMs, string command)
    {
        pile.AdvanceTo(atMs - 1);
        Assert.Null(pile.Apply(ScenarioParser.ParseCommand(command, atMs, out _)!));
    }
}

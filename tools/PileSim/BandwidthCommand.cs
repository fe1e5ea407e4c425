using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Hal;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using ChargeController.Tools;

namespace ChargeController.PileSim;

/// <summary>
/// `PileSim bandwidth [--set key=value ...]`: a benchmark, not a test. MQTT bytes (both directions, MQTT 3.1.1 framing:
/// PUBLISH with its topic and packet id, PUBACK, PINGREQ/PINGRESP when nothing else was sent for a keepalive period;
/// without TCP/IP and TLS) of an idle day and of a one-hour charging session at 32 A, on virtual time. docs/performance.md.
/// </summary>
internal static class BandwidthCommand
{
    private const long DayMs = 24 * 3_600_000L;
    private const long SessionMs = 3_600_000L;

    public static int Run(CommandLine cli, string[] args)
    {
        var config = new PileConfig();
        for (var i = 1; i < args.Length; i++)
        {
            string? error = args[i] == "--set" && i + 1 < args.Length ? config.SetConsistent(args[++i]) : $"unknown argument '{args[i]}'";
            if (error != null)
                return cli.Usage(error);
        }
        var keepAliveMs = config.Get(ConfigKeys.KeepAliveS) * 1000L;

        var idle = new Counter(keepAliveMs);
        var sim = new SimulatedPile(config, idle);
        sim.Start();
        sim.AdvanceTo(DayMs);
        idle.Until(DayMs);
        Console.WriteLine($"idle day:         {idle.Bytes,7} bytes in {idle.Publishes} publishes and {idle.Pings} pings");

        var session = new Counter(keepAliveMs);
        sim = new SimulatedPile(config, session);
        sim.Start();
        sim.AdvanceTo(60_000);
        session.Reset(60_000);
        Apply(sim, 60_000, "plug 32A");
        Apply(sim, 61_000, "ev ready");
        Apply(sim, 61_000 + SessionMs, "unplug");
        var endMs = 61_000 + SessionMs + 60_000;
        sim.AdvanceTo(endMs);
        session.Until(endMs);
        Console.WriteLine($"1-hour session:   {session.Bytes,7} bytes in {session.Publishes} publishes and {session.Pings} pings " +
            $"(plug-in to a minute after unplugging, {session.ByTopic()})");
        return CommandLine.Ok;
    }

    private static void Apply(SimulatedPile sim, long atMs, string command)
    {
        sim.AdvanceTo(atMs - 1);
        sim.Apply(ScenarioParser.ParseCommand(command, atMs, out _)!);
    }

    private sealed class Counter(long keepAliveMs) : IEventWriter, ILinkObserver
    {
        private readonly Dictionary<string, long> _byTopic = new();
        private readonly KeepAlivePings _pings = new(keepAliveMs);
        private long _publishBytes;

        public long Bytes => _publishBytes + 4 * Pings; // PINGREQ and PINGRESP, 2 bytes each
        public int Publishes { get; private set; }
        public long Pings => _pings.Count;

        public void Write(PileEvent e) { }

        public void LinkChanged(long nowMs, bool up, string reason) { }

        public void Published(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain)
        {
            _pings.Sent(nowMs);
            var remaining = 2 + topic.Length + (qos == LinkQos.AtLeastOnce ? 2 : 0) + count;
            var bytes = 1 + (remaining < 128 ? 1 : remaining < 16384 ? 2 : 3) + remaining + (qos == LinkQos.AtLeastOnce ? 4 : 0);
            _publishBytes += bytes;
            Publishes++;
            var name = topic.Substring(topic.LastIndexOf('/') + 1);
            _byTopic[name] = _byTopic.GetValueOrDefault(name) + bytes;
        }

        /// <summary>Pings for the silent keepalive periods up to <paramref name="nowMs"/>.</summary>
        public void Until(long nowMs) => _pings.Until(nowMs);

        public void Reset(long nowMs)
        {
            _publishBytes = Publishes = 0;
            _pings.Reset(nowMs);
            _byTopic.Clear();
        }

        public string ByTopic() => string.Join(", ", _byTopic.Select(t => $"{t.Key} {t.Value}"));
    }
}

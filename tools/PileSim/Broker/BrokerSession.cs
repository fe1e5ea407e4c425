using System.Net;
using System.Net.Sockets;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Telemetry;
using ChargeController.Hal;
using ChargeController.MqttLink;

namespace ChargeController.PileSim.Broker;

/// <summary>
/// The broker the simulated pile talks to in one PileSim run, the one named by --broker or an embedded one, reached through
/// a <see cref="RelayedBrokerLink"/>. Opening it connects once with the pile's id, so a wrong address, CA or password
/// stops PileSim with the reason before the pile starts rather than leaving it to retry in silence; with a list, each
/// broker of it is tried so.
/// </summary>
public sealed class BrokerSession : IDisposable
{
    /// <summary>How long the check before the run waits for the broker (the pile's own connect timeout).</summary>
    public const int CheckTimeoutMs = 10_000;

    private BrokerSession(BrokerSettings settings, RelayedBrokerLink link, EmbeddedBroker? embedded)
    {
        Settings = settings;
        Link = link;
        Embedded = embedded;
        LinkSettings = new LinkSettings
        {
            PileId = settings.PileId, Username = settings.User, Password = settings.Password, Brokers = Math.Max(1, settings.Brokers.Count),
        };
        Topics = new PlatformTopics(PlatformTopics.DefaultRoot(settings.PileId));
    }

    public BrokerSettings Settings { get; }
    public RelayedBrokerLink Link { get; }
    /// <summary>Who the pile is to this broker: --pile-id, and the credentials it connects with.</summary>
    public LinkSettings LinkSettings { get; }
    /// <summary>The broker inside PileSim, or null when --broker named one.</summary>
    public EmbeddedBroker? Embedded { get; }
    /// <summary>The pile's topics, under the default root of its id.</summary>
    public PlatformTopics Topics { get; }

    /// <param name="failure">why the broker (or one of the list) cannot be used (exit 1), else null</param>
    public static BrokerSession? Open(BrokerSettings settings, out string? failure)
    {
        var ca = settings.LoadCa(out failure);
        if (failure != null)
            return null;
        var embedded = settings.External ? null : EmbeddedBroker.Start();
        var endpoints = settings.External ? settings.Brokers.Select(b => new BrokerEndpoint(b.Host, b.Port, ca, Mqtt311: settings.Mqtt311)).ToArray()
            : new[] { new BrokerEndpoint(EmbeddedBroker.Host, embedded!.Port, ca) };
        var link = new RelayedBrokerLink(endpoints, settings.User, settings.Password);
        for (var broker = 0; broker < endpoints.Length && failure == null; broker++)
        {
            var status = link.Check(settings.PileId, CheckTimeoutMs, broker);
            if (status != LinkStatus.Ok)
                failure = Explain(status, settings, endpoints[broker]);
        }
        if (failure == null)
            return new BrokerSession(settings, link, embedded);
        link.Dispose();
        embedded?.Dispose();
        return null;
    }

    public void Dispose()
    {
        Link.Dispose();
        Embedded?.Dispose();
    }

    private static string Explain(LinkStatus status, BrokerSettings settings, BrokerEndpoint broker)
    {
        var at = $"the broker at {broker.Host}:{broker.Port}";
        // the relay reaches the broker for the link, so the link sees any failure to get there as a broken connection: look again
        if (!Resolves(broker.Host))
            return $"the broker's name '{broker.Host}' does not resolve (--broker)";
        if (!Answers(broker.Host, broker.Port))
            return $"no connection to {at}: is it running, and is that its port? (--broker)";
        return status switch
        {
            LinkStatus.TlsFailure => $"TLS with {at} failed: its certificate does not chain to --tls-ca {settings.TlsCaPath} or does not " +
                $"name {broker.Host}, or it does not speak TLS 1.2 on that port",
            LinkStatus.AuthenticationFailure when settings.User == null => $"{at} wants credentials: give the pile's --user and --password",
            LinkStatus.AuthenticationFailure => $"{at} refused user '{settings.User}' with that password (--user, --password)",
            LinkStatus.Timeout => $"{at} did not answer within {CheckTimeoutMs / 1000} s" +
                (settings.TlsCaPath == null ? " (a TLS port? then give --tls-ca)" : ""),
            _ => $"{at} refused the connection ({status}){(settings.TlsCaPath == null ? ": a TLS port? then give --tls-ca" : "")}",
        };
    }

    private static bool Resolves(string host)
    {
        try
        {
            return Dns.GetHostAddresses(host).Length > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool Answers(string host, int port)
    {
        using var probe = new TcpClient();
        try
        {
            return probe.ConnectAsync(host, port).Wait(CheckTimeoutMs);
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeController.PileUpdate;

/// <summary>
/// The tool on the broker as the platform: --broker host:port, --user/--password (the platform's account, which alone may
/// publish piles/+/update/data), --tls-ca for TLS 1.2 as PileSim takes it. What arrives is queued and taken by one
/// thread (<see cref="Take"/>), so a publish never waits inside MQTTnet's receive loop.
/// </summary>
internal sealed class PlatformClient : IDisposable
{
    public static readonly string[] OptionNames = { "--broker", "--user", "--password", "--tls-ca" };
    private const int ConnectTimeoutMs = 10_000;

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly BlockingCollection<(string Topic, byte[] Payload)> _received = new();

    private PlatformClient() =>
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };

    /// <summary>What is wrong with the broker options (bad usage), else null.</summary>
    public static string? UsageProblem(Options options)
    {
        var broker = options.Value("--broker");
        if (broker == null)
            return "name the broker: --broker host:port";
        var colon = broker.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return $"--broker takes host:port (e.g. 127.0.0.1:1883), not '{broker}'";
        if (options.Value("--password") != null && options.Value("--user") == null)
            return "--password needs --user (the platform's user name on the broker)";
        return null;
    }

    /// <returns>the connected client, or null with <paramref name="failure"/> saying why</returns>
    public static PlatformClient? Connect(Options options, out string? failure)
    {
        var broker = options.Value("--broker")!;
        var colon = broker.LastIndexOf(':');
        var host = broker[..colon].Trim('[', ']');
        var port = int.Parse(broker[(colon + 1)..], CultureInfo.InvariantCulture);
        var builder = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId("pileupdate-" + Guid.NewGuid().ToString("N")[..8]).WithCleanSession(true)
            .WithTimeout(TimeSpan.FromMilliseconds(ConnectTimeoutMs));
        if (options.Value("--user") is { } user)
            builder.WithCredentials(user, options.Value("--password"));
        if (options.Value("--tls-ca") is { } caPath)
        {
            X509Certificate2 ca;
            try
            {
                ca = X509Certificate2.CreateFromPem(File.ReadAllText(caPath));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                failure = $"--tls-ca {caPath}: not a readable PEM certificate ({e.Message})";
                return null;
            }
            builder.WithTlsOptions(tls => tls.UseTls().WithSslProtocols(SslProtocols.Tls12).WithTargetHost(host)
                .WithTrustChain(new X509Certificate2Collection(ca)));
        }
        var client = new PlatformClient();
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeoutMs);
            client._client.ConnectAsync(builder.Build(), timeout.Token).GetAwaiter().GetResult();
            failure = null;
            return client;
        }
        catch (Exception e)
        {
            client.Dispose();
            failure = $"cannot connect to the broker at {broker}: {Innermost(e).Message} (--broker, --user, --password, --tls-ca)";
            return null;
        }
    }

    public void Subscribe(params string[] filters)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        _client.SubscribeAsync(builder.Build()).GetAwaiter().GetResult();
    }

    /// <summary>Publishes with QoS 1 and waits for the broker's acknowledgement.</summary>
    public void Publish(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();

    /// <summary>The next message received, waiting at most <paramref name="waitMs"/>; false when none came.</summary>
    public bool Take(int waitMs, out (string Topic, byte[] Payload) message) => _received.TryTake(out message, waitMs);

    public bool IsConnected => _client.IsConnected;

    public void Dispose()
    {
        try
        {
            if (_client.IsConnected)
                _client.DisconnectAsync().GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // leaving either way
        }
        _client.Dispose();
    }

    private static Exception Innermost(Exception e) => e.InnerException == null ? e : Innermost(e.InnerException);
}

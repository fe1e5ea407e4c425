using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;

namespace ChargeController.CountyLedger;

/// <summary>Where the ledger subscribes and as whom.</summary>
/// <param name="Brokers">the broker, or the nodes of a cluster in the order the ledger tries them: when its broker goes,
/// it reconnects through the next with the same client id and finds its (replicated) session there</param>
/// <param name="ClientId">fixed: the broker keeps the ledger's session (clean session false) and queues for it while it is away</param>
/// <param name="Shared">subscribe through the shared group `$share/ledger/...`, so instances split the messages between them</param>
public sealed record LedgerSource(IReadOnlyList<(string Host, int Port)> Brokers, string ClientId, string? User = null, string? Password = null, bool Shared = false)
{
    public LedgerSource(string host, int port, string clientId, string? user = null, string? password = null, bool shared = false)
        : this(new[] { (host, port) }, clientId, user, password, shared)
    {
    }

    /// <summary>The list as --broker takes it: host:port,host:port.</summary>
    public string Addresses => string.Join(",", Brokers.Select(b => $"{b.Host}:{b.Port}"));

    public const string ShareGroup = "ledger";

    /// <summary>The pile topics the ledger reads (docs/mqtt-api.md): events and statuses (QoS 1) and telemetry.</summary>
    public IEnumerable<string> Filters =>
        new[] { "piles/+/events", "piles/+/status", "piles/+/telemetry" }.Select(f => Shared ? $"$share/{ShareGroup}/{f}" : f);
}

/// <summary>
/// The ledger's MQTT subscriber: a persistent session (fixed client id, clean session false, QoS 1 subscriptions, MQTT
/// 3.1.1), each message acknowledged only once it is stored, so a message the ledger had not stored when it went away
/// comes again. Reconnects by itself, every second, until stopped; a connect that fails moves it to the next broker of its
/// list.
/// </summary>
public sealed class LedgerListener : IAsyncDisposable
{
    private readonly LedgerSource _source;
    private readonly LedgerIngest _ingest;
    private readonly IMqttClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly object _gate = new();
    private long _received;
    private long _stored;
    private int _broker;
    private volatile bool _subscribed;

    public LedgerListener(LedgerSource source, LedgerIngest ingest)
    {
        _source = source;
        _ingest = ingest;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessage;
        _loop = Task.Run(Keep);
    }

    /// <summary>Messages received so far, duplicates included.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages stored (or found to be duplicates) and acknowledged so far.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>The last connect's failure, or null.</summary>
    public string? Problem { get; private set; }

    public bool Connected => _client.IsConnected;

    /// <summary>Waits until the subscription is in place (or <paramref name="timeoutMs"/> passed).</summary>
    public bool WaitConnected(int timeoutMs)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!_subscribed && Environment.TickCount64 < deadline)
            Thread.Sleep(10);
        return _subscribed;
    }

    private async Task Keep()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                _subscribed = false;
                try
                {
                    var (host, port) = _source.Brokers[_broker];
                    var options = new MqttClientOptionsBuilder().WithTcpServer(host, port)
                        .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId(_source.ClientId)
                        .WithCleanSession(false).WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
                    if (_source.User != null)
                        options.WithCredentials(_source.User, _source.Password);
                    await _client.ConnectAsync(options.Build(), _stop.Token);
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var filter in _source.Filters)
                        subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                    await _client.SubscribeAsync(subscribe.Build(), _stop.Token);
                    Problem = null;
                    _subscribed = true;
                }
                catch (Exception e) when (!_stop.IsCancellationRequested)
                {
                    Problem = e.Message;
                    _broker = (_broker + 1) % _source.Brokers.Count;
                }
            }
            try
            {
                await Task.Delay(1000, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        Interlocked.Increment(ref _received);
        e.AutoAcknowledge = false;
        lock (_gate)
        {
            try
            {
                _ingest.Store(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            }
            catch (Exception failure)
            {
                // not stored: not acknowledged either; the broker sends it again after the reconnect
                Console.Error.WriteLine($"CountyLedger: could not store a message ({failure.Message}); reconnecting");
                _ = _client.DisconnectAsync();
                return Task.CompletedTask;
            }
        }
        Interlocked.Increment(ref _stored);
        return e.AcknowledgeAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        if (_client.IsConnected)
            await _client.DisconnectAsync();
        _client.Dispose();
    }
}

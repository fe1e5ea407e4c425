using System.Diagnostics;
using ChargeController.Hal;
using ChargeController.MqttLink;
using ChargeController.Sim.Link;

namespace ChargeController.PileSim.Broker;

/// <summary>
/// The simulated pile's link to a real broker: the MQTTnet adapter of the link port, through a relay that `link down`
/// cuts like a lost 4G cell (the pile sees a lost connection, the broker a vanished client and publishes its will) and
/// `link up` restores. Two rules keep the pile's single-threaded scheduler whole on a real network:
/// <list type="bullet">
/// <item>what MQTTnet reports on its threads (acknowledgements, commands, a lost connection) is queued and handed to the
/// pile's listener only in <see cref="Step"/>, on the scheduler's thread, in the order it came;</item>
/// <item>virtual time does not run ahead of the broker: while QoS 1 publishes wait for their acknowledgement, Step waits
/// for them (at most <see cref="AnswerWaitMs"/> of real time), so a broker that answers at once answers within a tick of
/// virtual time, as the simulated one does; so does a publish on a topic the pile subscribed to (its delivery probe)
/// until the broker delivered it back, so the probe's timeout counts virtual time the broker had; and a cut waits for
/// the adapter to notice it, so the pile hears of it at the virtual time of `link down`, not seconds of virtual time later.</item>
/// </list>
/// The credentials given to PileSim replace those in the pile's connect options: on a device they come with its
/// deployment, here with the command line. Given several brokers (the pile's list), it relays to each through a relay of
/// its own, and `link down` cuts them all. A link made not severable has no relays: it holds one socket instead of four
/// (the relay's listener, its two sockets and the pile's), which is what lets a fleet that never cuts a link (FleetSim
/// without --chaos) run ten thousand piles within a process's file descriptors.
/// </summary>
public sealed class RelayedBrokerLink : IBrokerLink, INetworkPath, IDisposable
{
    /// <summary>The longest real time a step waits for the broker's acknowledgements, or a cut for its lost connection.</summary>
    public const int AnswerWaitMs = 2000;

    private readonly SeverableTcpProxy[] _relays;
    private readonly MqttnetBrokerLink _link;
    private readonly string? _user;
    private readonly string? _password;
    private readonly object _gate = new();
    private readonly Queue<Action<ILinkListener>> _handedOver = new();
    private readonly List<Action<ILinkListener>> _due = new();
    private ILinkListener? _listener;
    private int _unacknowledged;
    /// <summary>Publishes on a subscribed topic not yet delivered back to the pile.</summary>
    private int _undelivered;
    private readonly List<string> _subscribed = new();
    /// <summary>The subscribed topics the pile published to: a message there counts as delivered back.</summary>
    private readonly HashSet<string> _echoing = new();
    private int _losses;
    private int _queued; // reports in _handedOver: read without the lock by Step's fast path
    private volatile bool _networkUp = true;

    /// <param name="brokers">where the brokers are, in the pile's order, and how to trust them; the link reaches each
    /// through a relay of its own</param>
    /// <param name="user">replaces the user name (and <paramref name="password"/> the password) the pile connects with; null leaves them</param>
    /// <param name="severable">false: straight to the brokers, no relays; the network cannot be cut and a reboot leaves
    /// the broker cleanly (no will)</param>
    public RelayedBrokerLink(IReadOnlyList<BrokerEndpoint> brokers, string? user, string? password, bool severable = true)
    {
        _relays = severable ? brokers.Select(b => new SeverableTcpProxy(b.Host, b.Port)).ToArray() : Array.Empty<SeverableTcpProxy>();
        _link = new MqttnetBrokerLink(severable
            ? brokers.Select((b, i) => b with { Host = "127.0.0.1", Port = _relays[i].Port, ServerName = b.ServerName ?? b.Host }).ToArray()
            : brokers.ToArray());
        _link.Listen(new Handover(this));
        _user = user;
        _password = password;
    }

    public bool NetworkUp => _networkUp;
    public bool IsConnected => _link.IsConnected;

    /// <summary>What crossed the relays' connections to the brokers so far, every connection the pile made (none without relays).</summary>
    public TcpTraffic Traffic => _relays.Aggregate(new TcpTraffic(), (sum, relay) => sum + relay.Traffic);

    public void Listen(ILinkListener listener) => _listener = listener;

    public LinkStatus Connect(LinkConnectOptions options)
    {
        lock (_gate)
        {
            _unacknowledged = 0;
            _undelivered = 0;
            _subscribed.Clear();
            _echoing.Clear();
        }
        return _link.Connect(WithCredentials(options));
    }

    public LinkStatus Publish(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain, out int messageId)
    {
        // counted before it goes, so an acknowledgement that comes back at once finds it
        var atLeastOnce = qos == LinkQos.AtLeastOnce;
        bool echoed;
        lock (_gate)
        {
            echoed = _subscribed.Contains(topic);
            if (atLeastOnce)
                _unacknowledged++;
            if (echoed)
            {
                _undelivered++;
                _echoing.Add(topic);
            }
        }
        var status = _link.Publish(topic, payload, offset, count, qos, retain, out messageId);
        if (status != LinkStatus.Ok)
            lock (_gate)
            {
                if (atLeastOnce)
                    _unacknowledged = Math.Max(0, _unacknowledged - 1);
                if (echoed)
                    _undelivered = Math.Max(0, _undelivered - 1);
            }
        return status;
    }

    public LinkStatus Subscribe(string topicFilter, LinkQos qos)
    {
        var status = _link.Subscribe(topicFilter, qos);
        if (status == LinkStatus.Ok)
            lock (_gate)
                _subscribed.Add(topicFilter);
        return status;
    }

    public void Disconnect()
    {
        _link.Disconnect();
        lock (_gate)
            _unacknowledged = _undelivered = 0;
    }

    public void SetNetwork(bool up)
    {
        if (_relays.Length == 0)
            throw new InvalidOperationException("this link has no relays: its network cannot be cut (make it severable)");
        _networkUp = up;
        if (up)
        {
            foreach (var relay in _relays)
                relay.Restore();
            return;
        }
        CutAndWaitForTheLoss(refuseNew: true);
    }

    public void DeviceLost()
    {
        if (_relays.Length == 0)
            _link.Disconnect();
        else
            CutAndWaitForTheLoss(refuseNew: !_networkUp);
        lock (_gate)
        {
            // the next boot starts with a fresh link supervisor: nothing of the old connection may reach it
            _unacknowledged = _undelivered = 0;
            _handedOver.Clear();
            _queued = 0;
        }
    }

    private void CutAndWaitForTheLoss(bool refuseNew)
    {
        var connected = _link.IsConnected;
        int losses;
        lock (_gate)
            losses = _losses;
        foreach (var relay in _relays)
            relay.Cut(refuseNew);
        if (connected)
            WaitWhile(() => _losses == losses);
    }

    public void Step()
    {
        // most ticks nothing waits and nothing came: no lock, no wait (a fleet steps hundreds of these links)
        if (Volatile.Read(ref _unacknowledged) == 0 && Volatile.Read(ref _undelivered) == 0 && Volatile.Read(ref _queued) == 0)
            return;
        WaitWhile(() => (_unacknowledged > 0 || _undelivered > 0) && _networkUp);
        lock (_gate)
        {
            // a broker that did not answer in time: virtual time goes on, and an acknowledgement that comes later is still handed over
            _unacknowledged = _undelivered = 0;
            _due.AddRange(_handedOver);
            _handedOver.Clear();
            _queued = 0;
        }
        var listener = _listener;
        foreach (var report in _due)
            if (listener != null)
                report(listener);
        _due.Clear();
    }

    /// <summary>Connects once with the pile's id and leaves cleanly (no will): whether the broker can be reached with these settings.</summary>
    /// <param name="broker">which of the brokers, 0 for the first</param>
    public LinkStatus Check(string clientId, int timeoutMs, int broker = 0)
    {
        var status = Connect(new LinkConnectOptions { ClientId = clientId, ConnectTimeoutMs = timeoutMs, Broker = broker });
        if (status == LinkStatus.Ok)
            Disconnect();
        return status;
    }

    public void Dispose()
    {
        _link.Dispose();
        foreach (var relay in _relays)
            relay.Dispose();
    }

    private LinkConnectOptions WithCredentials(LinkConnectOptions options)
    {
        if (_user == null)
            return options;
        return new LinkConnectOptions
        {
            ClientId = options.ClientId, Broker = options.Broker, Username = _user, Password = _password, KeepAliveS = options.KeepAliveS,
            ConnectTimeoutMs = options.ConnectTimeoutMs, CleanSession = options.CleanSession, WillTopic = options.WillTopic,
            WillPayload = options.WillPayload, WillCount = options.WillCount, WillQos = options.WillQos, WillRetain = options.WillRetain,
        };
    }

    /// <summary>Waits, holding <see cref="_gate"/> between looks, while <paramref name="condition"/> holds, at most <see cref="AnswerWaitMs"/>.</summary>
    private void WaitWhile(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        lock (_gate)
        {
            while (condition())
            {
                var leftMs = AnswerWaitMs - (int)waited.ElapsedMilliseconds;
                if (leftMs <= 0)
                    return;
                Monitor.Wait(_gate, leftMs);
            }
        }
    }

    private void HandOver(Action<ILinkListener> report, bool acknowledgement = false, bool lost = false, string? delivered = null)
    {
        lock (_gate)
        {
            _handedOver.Enqueue(report);
            _queued++;
            if (acknowledgement)
                _unacknowledged = Math.Max(0, _unacknowledged - 1);
            if (delivered != null && _echoing.Contains(delivered))
                _undelivered = Math.Max(0, _undelivered - 1);
            if (lost)
            {
                _unacknowledged = _undelivered = 0;
                _losses++;
            }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The adapter's listener: on MQTTnet's threads it only queues, and returns at once.</summary>
    private sealed class Handover(RelayedBrokerLink link) : ILinkListener
    {
        public void MessageReceived(string topic, byte[] payload, int offset, int count)
        {
            var copy = payload.AsSpan(offset, count).ToArray();
            link.HandOver(listener => listener.MessageReceived(topic, copy, 0, copy.Length), delivered: topic);
        }

        public void PublishAcknowledged(int messageId) =>
            link.HandOver(listener => listener.PublishAcknowledged(messageId), acknowledgement: true);

        public void PublishRefused(int messageId, int reasonCode) =>
            link.HandOver(listener => listener.PublishRefused(messageId, reasonCode), acknowledgement: true);

        public void ConnectionLost(LinkStatus reason) => link.HandOver(listener => listener.ConnectionLost(reason), lost: true);
    }
}

using ChargeController.Firmware.Text;
using ChargeController.Hal;

namespace ChargeController.Sim.Link
{
    /// <summary>
    /// The pile's broker link in the simulator, deterministic on virtual time. A publish reaches the <see cref="Broker"/>
    /// <see cref="LatencyMs"/> after it was sent and its acknowledgement comes back as long again; the runner calls
    /// <see cref="Step"/> every tick to deliver what is due. When the network goes down (`link down`) nothing more gets
    /// through; the pile notices after one keepalive period (a lost connection, not a clean disconnect), the broker after
    /// one and a half and then publishes the will. Messages in transit are lost, and so are acknowledgements of messages
    /// that did arrive: the outbox then sends them again, and the platform de-duplicates. A publish on a topic the pile
    /// subscribed to comes back to it, as a broker delivers it to every subscriber (the delivery probe's echo). Allocates
    /// nothing after construction.
    /// </summary>
    public sealed class SimBrokerLink : IBrokerLink, INetworkPath
    {
        public const int DefaultLatencyMs = 100;
        /// <summary>QoS 1 publishes the transit ring can carry at once; <see cref="InFlightLimit"/> may refuse sooner.</summary>
        public const int MaxInFlight = 16;
        private const int MaxSubscriptions = 4;

        private readonly IMonotonicClock _clock;
        private readonly SimMessage[] _transit;
        private readonly SimMessage _will;
        private readonly string[] _subscriptions = Strings.Filled(new string[MaxSubscriptions]);
        private ILinkListener _listener;
        private LinkConnectOptions _options;
        private int _head;
        private int _count;
        private int _arrived;
        private int _inFlight;
        private int _nextMessageId;
        private bool _connected;
        private long _noticeLossAtMs = -1;
        private long _willDueAtMs = -1;
        private LinkStatus _lossReason = LinkStatus.Timeout;
        /// <summary>Brokers of the pile's list that are down (a stopped node): connects to them are refused.</summary>
        private readonly bool[] _brokerDown = new bool[Firmware.Link.BrokerChoice.MaxBrokers];
        private int _broker;
        /// <summary>When the pile last sent something (a publish, or the keepalive ping its client sends after a silent period).</summary>
        private long _lastSentMs;

        public SimBrokerLink(IMonotonicClock clock, SimBroker broker, int maxPayloadBytes)
        {
            _clock = clock;
            Broker = broker;
            _transit = new SimMessage[MaxInFlight + 8];
            for (var i = 0; i < _transit.Length; i++)
                _transit[i] = new SimMessage(maxPayloadBytes);
            _will = new SimMessage(maxPayloadBytes);
            Downlink = new SimDownlink(maxPayloadBytes);
            NetworkUp = true;
        }

        public SimBroker Broker { get; }
        /// <summary>What the platform publishes to the pile through <see cref="Send"/>, in transit (its rate limit is the link's downstream).</summary>
        public SimDownlink Downlink { get; }
        public int LatencyMs { get; set; } = DefaultLatencyMs;
        /// <summary>
        /// QoS 1 publishes in flight before <see cref="Publish"/> answers Busy: 8 like a cautious client; M2Mqtt and the
        /// MQTTnet port take more (up to <see cref="MaxInFlight"/> here), so the pile must bound its own.
        /// </summary>
        public int InFlightLimit { get; set; } = 8;
        public bool NetworkUp { get; private set; }
        /// <summary>What the next connects fail with while the network is up (DNS, TLS, credentials); Ok to accept them.</summary>
        public LinkStatus RefuseWith { get; set; }
        /// <summary>
        /// The broker's ACL, as far as the simulator has one: publishes to topics that start with this never reach the
        /// broker. Under MQTT 5 a QoS 1 one is refused (PUBACK reason code 0x87, not authorized); under MQTT 3.1.1
        /// (<see cref="Mqtt311"/>) it is acknowledged like any other, as mosquitto does; a QoS 0 one is dropped silently.
        /// null lets everything through.
        /// </summary>
        public string DeniedTopics { get; set; }
        /// <summary>
        /// The ACL's reading side: a subscription to a filter that starts with this is refused (SUBACK 0x80 under MQTT
        /// 3.1.1, 0x87 under MQTT 5; <see cref="Subscribe"/> answers <see cref="LinkStatus.Refused"/>); null refuses none.
        /// </summary>
        public string DeniedSubscriptions { get; set; }
        /// <summary>The connection speaks MQTT 3.1.1, as the device does: a denied publish is acknowledged, not refused.</summary>
        public bool Mqtt311 { get; set; }
        /// <summary>The MQTT 5 PUBACK reason code of a publish the ACL denies.</summary>
        public const int NotAuthorized = 0x87;
        public bool IsConnected => _connected;
        /// <summary>Connects the pile attempted, successful or not.</summary>
        public int ConnectAttempts { get; private set; }
        /// <summary>The broker of the pile's list the connection is to (0 the first), or -1 while not connected.</summary>
        public int ConnectedBroker => _connected ? _broker : -1;
        /// <summary>
        /// A carrier's NAT between the pile and the broker that forgets a connection nothing was sent on for this long (0:
        /// none). The pile's client pings after a keepalive period without sending; a keepalive shorter than this keeps the
        /// connection, a longer one loses it silently: the pile notices when its ping goes unanswered, the broker after one
        /// and a half keepalives, and publishes the will.
        /// </summary>
        public long NatIdleTimeoutMs { get; set; }

        /// <summary>
        /// One broker of the pile's list stops (its process killed: the pile's connection to it breaks at once, and it
        /// publishes no will) or starts again. They all deliver to the same <see cref="Broker"/>, as the nodes of a cluster do.
        /// </summary>
        public void SetBrokerUp(int broker, bool up)
        {
            _brokerDown[broker] = !up;
            if (!up && _connected && _broker == broker && _noticeLossAtMs < 0)
            {
                _noticeLossAtMs = _clock.NowMs;
                _lossReason = LinkStatus.NetworkFailure;
            }
        }

        public void Listen(ILinkListener listener) => _listener = listener;

        /// <summary>The network drops (a 4G cell lost, a cable pulled) or comes back.</summary>
        public void SetNetwork(bool up)
        {
            if (NetworkUp && !up && _connected && _noticeLossAtMs < 0)
            {
                var keepAliveMs = _options.KeepAliveS * 1000L;
                _noticeLossAtMs = _clock.NowMs + keepAliveMs;
                _lossReason = LinkStatus.Timeout;
                _willDueAtMs = _clock.NowMs + keepAliveMs * 3 / 2;
            }
            NetworkUp = up;
        }

        /// <summary>
        /// The pile lost power or rebooted: its connection dies without a word. The broker notices after one and a half
        /// keepalive periods and publishes the will, unless the pile is back first.
        /// </summary>
        public void DeviceLost()
        {
            if (!_connected)
                return;
            _willDueAtMs = _clock.NowMs + _options.KeepAliveS * 1000L * 3 / 2;
            Close();
        }

        public LinkStatus Connect(LinkConnectOptions options)
        {
            ConnectAttempts++;
            Close();
            if (!NetworkUp)
                return LinkStatus.Timeout; // on the device the call blocks for options.ConnectTimeoutMs; virtual time does not move here
            if (RefuseWith != LinkStatus.Ok)
                return RefuseWith;
            if (_brokerDown[options.Broker])
                return LinkStatus.NetworkFailure; // connection refused: nothing listens on that node's port
            _broker = options.Broker;
            _options = options;
            _lastSentMs = _clock.NowMs;
            _connected = true;
            _willDueAtMs = -1; // back before the broker gave up on the old connection: no will
            if (options.WillTopic != null)
                _will.Set(options.WillTopic, options.WillPayload, 0, options.WillCount, options.WillQos, options.WillRetain);
            return LinkStatus.Ok;
        }

        public LinkStatus Publish(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain, out int messageId)
        {
            messageId = 0;
            if (!_connected)
                return LinkStatus.NotConnected;
            if (_count == _transit.Length || (qos == LinkQos.AtLeastOnce && _inFlight >= InFlightLimit))
                return LinkStatus.Busy;
            var slot = _transit[(_head + _count) % _transit.Length];
            if (!slot.Set(topic, payload, offset, count, qos, retain))
                throw new System.ArgumentException("payload larger than the simulated link's slots");
            if (qos == LinkQos.AtLeastOnce)
            {
                _nextMessageId = _nextMessageId % 65535 + 1;
                messageId = _nextMessageId;
                _inFlight++;
            }
            slot.MessageId = messageId;
            slot.AtMs = _clock.NowMs + LatencyMs;
            _lastSentMs = _clock.NowMs;
            _count++;
            return LinkStatus.Ok;
        }

        public LinkStatus Subscribe(string topicFilter, LinkQos qos)
        {
            if (!_connected)
                return LinkStatus.NotConnected;
            if (DeniedSubscriptions != null && topicFilter.StartsWith(DeniedSubscriptions))
                return LinkStatus.Refused;
            for (var i = 0; i < _subscriptions.Length; i++)
            {
                if (_subscriptions[i] == null || _subscriptions[i] == topicFilter)
                {
                    _subscriptions[i] = topicFilter;
                    return LinkStatus.Ok;
                }
            }
            return LinkStatus.Refused;
        }

        public void Disconnect() => Close();

        /// <summary>A message from the platform on <paramref name="topic"/>: handed to the pile now if it is connected and subscribed.</summary>
        /// <returns>whether the pile received it</returns>
        public bool Inject(string topic, byte[] payload, int count)
        {
            if (!Passing || !Subscribed(topic))
                return false;
            _listener.MessageReceived(topic, payload, 0, count);
            return true;
        }

        /// <summary>
        /// The platform publishes to the pile (QoS 1): it arrives after the latency and the downlink's rate, if the connection
        /// lasts and the pile is subscribed then (a clean session keeps nothing for a pile that is away).
        /// </summary>
        /// <returns>false when it could not be sent (not connected, transit full)</returns>
        public bool Send(string topic, byte[] payload, int count) =>
            Passing && Downlink.Send(topic, payload, count, _clock.NowMs, LatencyMs);

        /// <summary>Delivers what is due at the clock's time: arrivals at the broker, acknowledgements, a noticed loss, the will.</summary>
        public void Step()
        {
            var nowMs = _clock.NowMs;
            if (_willDueAtMs >= 0 && nowMs >= _willDueAtMs)
            {
                _willDueAtMs = -1;
                if (_will.Topic != null)
                {
                    _will.AtMs = nowMs;
                    Broker.Receive(_will);
                }
            }
            if (NatIdleTimeoutMs > 0 && Passing)
                ForgottenByTheNat(nowMs);
            if (_noticeLossAtMs >= 0 && nowMs >= _noticeLossAtMs)
            {
                Close();
                _listener.ConnectionLost(_lossReason);
                return;
            }
            if (!Passing)
                return;
            // Arrival and acknowledgement times grow with the order of sending, so the ring is handled from its head.
            while (_arrived < _count && _transit[(_head + _arrived) % _transit.Length].AtMs <= nowMs)
            {
                var arriving = _transit[(_head + _arrived++) % _transit.Length];
                var denied = DeniedTopics != null && arriving.Topic.StartsWith(DeniedTopics);
                arriving.RefusedReason = denied && !Mqtt311 ? NotAuthorized : 0;
                if (denied)
                    continue;
                Broker.Receive(arriving);
                if (Subscribed(arriving.Topic))
                    Downlink.Send(arriving.Topic, arriving.Payload, arriving.Count, nowMs, LatencyMs); // to the pile, a subscriber too
            }
            SimMessage down;
            while ((down = Downlink.Due(nowMs)) != null)
            {
                if (Subscribed(down.Topic))
                    _listener.MessageReceived(down.Topic, down.Payload, 0, down.Count);
                Downlink.Take();
            }
            while (_arrived > 0 && _transit[_head].AtMs + LatencyMs <= nowMs)
            {
                var done = _transit[_head];
                _head = (_head + 1) % _transit.Length;
                _count--;
                _arrived--;
                if (done.MessageId != 0)
                {
                    _inFlight--;
                    if (done.RefusedReason != 0)
                        _listener.PublishRefused(done.MessageId, done.RefusedReason);
                    else
                        _listener.PublishAcknowledged(done.MessageId);
                }
            }
        }

        private void ForgottenByTheNat(long nowMs)
        {
            var keepAliveMs = _options.KeepAliveS * 1000L;
            if (keepAliveMs < NatIdleTimeoutMs)
            {
                if (nowMs - _lastSentMs >= keepAliveMs)
                    _lastSentMs += keepAliveMs; // the client's ping, and the broker's answer, refresh the mapping
                return;
            }
            if (nowMs - _lastSentMs < NatIdleTimeoutMs)
                return;
            _noticeLossAtMs = _lastSentMs + keepAliveMs; // the ping that finds the mapping gone is never answered
            _lossReason = LinkStatus.Timeout;
            _willDueAtMs = _lastSentMs + keepAliveMs * 3 / 2;
        }

        /// <summary>Connected, and the connection has not been cut by the network (a cut connection stays dead even if the network returns).</summary>
        private bool Passing => _connected && NetworkUp && _noticeLossAtMs < 0;

        private bool Subscribed(string topic)
        {
            for (var i = 0; i < _subscriptions.Length; i++)
                if (_subscriptions[i] == topic)
                    return true;
            return false;
        }

        /// <summary>Ends the connection: whatever was in transit is gone, and so are the subscriptions (clean session).</summary>
        private void Close()
        {
            _connected = false;
            _noticeLossAtMs = -1;
            _head = _count = _arrived = _inFlight = 0;
            Downlink.Clear();
            for (var i = 0; i < _subscriptions.Length; i++)
                _subscriptions[i] = null;
        }
    }
}

using System.Threading;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Telemetry;
using ChargeController.Hal;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// The network thread's work (docs/mqtt-api.md, Delivery): keeps the MQTT session up and says what the pile has to
    /// say. Down: connect when the backoff allows (will = retained offline status). Up: the retained status (on connect
    /// and whenever it changes), the outbox's events (QoS 1, at most <see cref="MaxOutboxInFlight"/> in flight, a slot
    /// released to the storage thread only once acknowledged, all unacknowledged ones sent again after a reconnect),
    /// command results (one at a time, its slot released only on its PUBACK, sent again after a reconnect), and telemetry on its schedule; a trigger command's status or telemetry at once. Nothing can stick: a QoS 1 publish without acknowledgement for
    /// two keepalive periods means a dead connection (half-open TCP), which is dropped and reconnected; so is one after a
    /// publish the broker refused (its ACL: <see cref="PublishesRefused"/>), whose message is kept; and so is one on which
    /// the broker refused a subscription or does not deliver the pile's delivery probe (<see cref="DeliveryProbe"/>: the
    /// events and command results wait for it, so nothing is handed to a broker that drops it). The control thread
    /// learns the link's state from <see cref="LinkState"/>, a word it reads each tick. Allocates nothing after construction.
    /// </summary>
    public sealed class LinkSupervisor
    {
        public const int MaxOutboxInFlight = Outbox.Slots;
        /// <summary>QoS 1 publishes tracked at once: the outbox's, a status and command results.</summary>
        public const int MaxInFlight = 8;
        /// <summary>
        /// Of <see cref="MaxInFlight"/>, what statuses, command results and busy answers may take: the rest is the outbox's,
        /// so an event whose slot may be sent always finds an entry (the broker link may take more in flight than this table).
        /// </summary>
        public const int MaxOtherInFlight = MaxInFlight - MaxOutboxInFlight;
        /// <summary>A connection that stays up this long resets the backoff.</summary>
        public const int StableMs = 60000;
        /// <summary>-1 while the first connect has not been tried (the control thread keeps its default), 0 down, 1 up.</summary>
        public const int LinkUnknown = -1;

        private const int NoTopic = 0;
        private const int OutboxTopic = 1;
        private const int StatusTopic = 2;
        private const int ResultTopic = 3;
        private const int ProbeTopic = 4;
        /// <summary>The slot mark of the result ring's oldest result in flight (busy answers have none: -1).</summary>
        private const int ResultSlot = 0;

        private readonly IBrokerLink _link;
        private readonly LinkConnectOptions _options;
        private readonly PlatformTopics _topics;
        private readonly LinkInbox _inbox;
        private readonly Outbox _outbox;
        private readonly MessageRing _results;
        private readonly Updates.UpdateChannel _updates;
        private readonly ITriggerRequests _triggers;
        private readonly StatusSnapshot _snapshot;
        private readonly MeterPoller _meter;
        private readonly int _phases;
        private readonly ITemperatures _temperatures;
        private readonly ILinkObserver _observer;
        private readonly JsonWriter _writer = new JsonWriter(MessageEncoder.MaxBytes);
        private readonly StatusEncoder _status;
        private readonly TelemetryEncoder _telemetry;
        private readonly StatusView _view = new StatusView();
        /// <summary>The snapshot's version <see cref="_view"/> was copied at; the copy is taken again only when it moves.</summary>
        private int _viewVersion = -1;
        private bool _charging;
        private readonly TelemetrySample _sample = new TelemetrySample();

        /// <summary>The site's figures the control thread publishes for the telemetry (site.mode limit or solar; set at boot), or null.</summary>
        public ISiteTelemetry Site { get; set; }
        private readonly TelemetrySchedule _schedule;
        private readonly LinkBackoff _backoff;
        private readonly BrokerChoice _brokerChoice;
        private readonly int[] _flightIds = new int[MaxInFlight];
        private readonly int[] _flightTopic = new int[MaxInFlight];
        private readonly int[] _flightSlot = new int[MaxInFlight];
        private readonly long[] _flightSentMs = new long[MaxInFlight];
        private readonly bool[] _slotAcked = new bool[Outbox.Slots];
        private int _slotsSent;
        /// <summary>The result ring's oldest result is published on this connection and waits for its PUBACK.</summary>
        private bool _resultSent;
        private bool _up;
        private long _upSinceMs;
        private long _nextAttemptMs;
        private int _failures;
        private int _statusVersion = -1;
        /// <summary>The outbox's backlog the last status published said (the retained status says it until the next).</summary>
        private int _statusOutbox;
        private int _linkState = LinkUnknown;
        private bool _telemetryAsked;
        private int _reconnectsWord;
        private int _lastErrorWord = NoError;
        private int _trackingFailedWord;
        /// <summary>One bit per topic kind (1 &lt;&lt; kind) whose last answered publish the broker refused.</summary>
        private int _refusedKinds;
        private int _refusedWord;
        private int _refusalWord;
        private readonly DeliveryProbe _probe;

        /// <summary><see cref="Refusal"/>: the broker answered a publish with a refusal (MQTT 5, <see cref="RefusedReason"/>).</summary>
        public const int RefusedPublish = 1;
        /// <summary><see cref="Refusal"/>: the broker refused a subscription (SUBACK 0x80, or an MQTT 5 refusal).</summary>
        public const int RefusedSubscription = 2;
        /// <summary><see cref="Refusal"/>: the broker acknowledged the delivery probe and never delivered it (MQTT 3.1.1's ACL).</summary>
        public const int NotDelivered = 3;

        /// <summary>Why the link failed or was lost, as the console's `net` names it (<see cref="LastError"/>).</summary>
        private static readonly string[] Causes = { "dns", "tls", "auth", "refused", "timeout", "network", "lost", "stuck", "untracked", "denied", "sub-denied", "undelivered" };
        private const int NoError = -1;

        public LinkSupervisor(IBrokerLink link, LinkSettings settings, Outbox outbox, MessageRing commands, MessageRing results,
            ITriggerRequests triggers, StatusSnapshot snapshot, MeterPoller meter, int phases, ITemperatures temperatures, IMonotonicClock clock,
            TelemetrySchedule schedule, ILinkObserver observer, int keepAliveS, int probeTimeoutS, Updates.UpdateChannel updates = null,
            string firmwareVersion = null)
        {
            _probe = new DeliveryProbe(settings.PileId, probeTimeoutS * 1000L);
            _updates = updates;
            _link = link;
            _topics = new PlatformTopics(settings.TopicRoot ?? PlatformTopics.DefaultRoot(settings.PileId));
            _outbox = outbox;
            _results = results;
            _triggers = triggers;
            _snapshot = snapshot;
            _meter = meter;
            _phases = phases;
            _temperatures = temperatures;
            _schedule = schedule;
            _observer = observer;
            _status = new StatusEncoder(_writer, settings.PileId, firmwareVersion ?? FirmwareVersion.Text);
            _telemetry = new TelemetryEncoder(_writer, settings.PileId);
            _backoff = new LinkBackoff(settings.PileId);
            _brokerChoice = new BrokerChoice(settings.Brokers);
            _inbox = updates == null ? new LinkInbox(commands, _topics.Commands, clock)
                : new LinkInbox(commands, _topics.Commands, clock, updates.Data, _topics.UpdateData);
            _status.Offline();
            var will = new byte[_writer.Length];
            System.Array.Copy(_writer.Buffer, will, will.Length);
            _options = ConnectOptions(settings, keepAliveS, _topics.Status, will);
            link.Listen(_inbox);
        }

        /// <summary>
        /// How the pile connects: its id as the client id, a clean session, and the retained offline status as its will.
        /// Clean: the broker keeps nothing for the pile while it is away, so a command sent then is not delivered later
        /// (the platform sends it again once the status says online; docs/mqtt-api.md, Commands). That is what makes a
        /// command's ttlS, counted from its arrival at the pile, bound its age: no command waits at the broker.
        /// </summary>
        /// <param name="keepAliveS">the keepalive (config link.keepAliveS)</param>
        /// <param name="will">the offline status, retained</param>
        public static LinkConnectOptions ConnectOptions(LinkSettings settings, int keepAliveS, string statusTopic, byte[] will) => new LinkConnectOptions
        {
            ClientId = settings.PileId, Username = settings.Username, Password = settings.Password,
            KeepAliveS = keepAliveS, ConnectTimeoutMs = settings.ConnectTimeoutMs, CleanSession = true,
            WillTopic = statusTopic, WillPayload = will, WillCount = will.Length, WillQos = LinkQos.AtLeastOnce, WillRetain = true,
        };

        private readonly LinkStatistics _statistics = new LinkStatistics();
        /// <summary>Read by the control thread each tick: <see cref="LinkUnknown"/>, 0 down, 1 up.</summary>
        public int LinkState => Interlocked.CompareExchange(ref _linkState, 0, 0);
        /// <summary>Read by the control thread (the console): connections after the first, this boot.</summary>
        public int Reconnects => Interlocked.CompareExchange(ref _reconnectsWord, 0, 0);
        /// <summary>
        /// Read by the control thread each tick (the link-tracking fault): a publish could not be tracked and the connection
        /// was dropped for it, and no connection has run <see cref="StableMs"/> since.
        /// </summary>
        public bool TrackingFailed => Interlocked.CompareExchange(ref _trackingFailedWord, 0, 0) != 0;
        /// <summary>
        /// Read by the control thread each tick (the link-refused fault): the broker refused a publish (an MQTT 5 PUBACK
        /// reason code, 0x87 when its ACL denies this pile the topic), and no publish on that topic has been accepted since;
        /// or it refused a subscription or did not deliver the delivery probe, and no probe has come back since
        /// (<see cref="Refusal"/> says which). The refused message stays where it was (the outbox keeps the event), the
        /// connection is dropped and the backoff decides when to try again.
        /// </summary>
        public bool PublishesRefused => Interlocked.CompareExchange(ref _refusedWord, 0, 0) != 0;
        /// <summary>Read by the control thread (the console): the last refusal's reason code (0x87 not authorized), 0 if none.</summary>
        public int RefusedReason => _inbox.RefusedReason;
        /// <summary>Read by the control thread (the console): how the broker last refused the pile (<see cref="RefusedPublish"/>,
        /// <see cref="RefusedSubscription"/>, <see cref="NotDelivered"/>), 0 if never.</summary>
        public int Refusal => Interlocked.CompareExchange(ref _refusalWord, 0, 0);
        /// <summary>Read by the control thread (the console): why the link last failed or was lost, or null.</summary>
        public string LastError
        {
            get
            {
                var cause = Interlocked.CompareExchange(ref _lastErrorWord, 0, 0);
                return cause == NoError ? null : Causes[cause];
            }
        }

        public void RunOnce(long nowMs)
        {
            if (_up)
                Supervise(nowMs);
            if (!_up)
            {
                if (nowMs < _nextAttemptMs)
                    return;
                Connect(nowMs);
                if (!_up)
                    return;
            }
            TakeTriggers();
            PublishProbe(nowMs);
            PublishStatusIfChanged(nowMs);
            if (_probe.Delivered)
            {
                PublishOutbox(nowMs);
                PublishResults(nowMs);
            }
            PublishBusy(nowMs);
            PublishUpdateRequest(nowMs);
            PublishTelemetryIfDue(nowMs);
        }

        /// <summary>The update's chunk request, QoS 0: a lost one is asked again by the control thread after its timeout.</summary>
        private void PublishUpdateRequest(long nowMs)
        {
            var slot = _updates == null ? -1 : _updates.Requests.Peek();
            if (slot < 0)
                return;
            var requests = _updates.Requests;
            if (_link.Publish(_topics.UpdateRequests, requests.Payload(slot), 0, requests.Length(slot), LinkQos.AtMostOnce, false, out var id) != LinkStatus.Ok)
                return;
            Observe(nowMs, _topics.UpdateRequests, requests.Payload(slot), requests.Length(slot), LinkQos.AtMostOnce, false);
            requests.Release();
        }

        /// <summary>How long a planned disconnect waits for the broker to acknowledge the offline status.</summary>
        public const int LeaveWaitMs = 2000;
        /// <summary>The offline status a planned disconnect publishes, in flight under this id (0: not sent).</summary>
        private int _leaveId;
        private long _leaveSentMs;

        /// <summary>
        /// A planned disconnect (a planned reboot, the simulator's quit): the retained offline status first, as the will would
        /// say it were the connection lost, then, once the broker acknowledged it or after <see cref="LeaveWaitMs"/>, the
        /// disconnect (a clean one: the broker does not publish the will). Called instead of <see cref="RunOnce"/> from
        /// then on; nothing else is published.
        /// </summary>
        /// <returns>true once the pile is off the broker</returns>
        public bool Leave(long nowMs)
        {
            if (!_up)
                return true;
            if (_leaveId == 0)
            {
                if (FreeEntry() < 0 || _link.Publish(_topics.Status, _options.WillPayload, 0, _options.WillCount, LinkQos.AtLeastOnce, true, out var id) != LinkStatus.Ok)
                    return Disconnect(nowMs);
                Track(nowMs, id, StatusTopic, -1);
                Observe(nowMs, _topics.Status, _options.WillPayload, _options.WillCount, LinkQos.AtLeastOnce, true);
                _leaveId = id;
                _leaveSentMs = nowMs;
                return false;
            }
            Supervise(nowMs);
            if (_up && InFlight(_leaveId) && nowMs - _leaveSentMs < LeaveWaitMs)
                return false;
            return Disconnect(nowMs);
        }

        private bool Disconnect(long nowMs)
        {
            var wasUp = _up;
            if (wasUp)
                _link.Disconnect();
            _up = false;
            _leaveId = 0;
            Interlocked.Exchange(ref _linkState, 0);
            if (wasUp && _observer != null)
                _observer.LinkChanged(nowMs, false, "left");
            return true;
        }

        private bool InFlight(int messageId)
        {
            for (var i = 0; i < MaxInFlight; i++)
                if (_flightTopic[i] != NoTopic && _flightIds[i] == messageId)
                    return true;
            return false;
        }

        private int FreeEntry()
        {
            for (var i = 0; i < MaxInFlight; i++)
                if (_flightTopic[i] == NoTopic)
                    return i;
            return -1;
        }

        private void Supervise(long nowMs)
        {
            LinkStatus reason;
            if (_inbox.TakeLost(out reason))
            {
                Down(nowMs, reason == LinkStatus.Timeout ? "timeout" : "lost");
                return;
            }
            int answer;
            var refused = false;
            while ((answer = _inbox.TakeAck()) != 0)
                refused |= !Answered(answer > 0 ? answer : -answer, answer > 0, nowMs);
            ReleaseAcknowledgedSlots();
            if (refused)
            {
                _link.Disconnect(); // what was refused stays unacknowledged: it goes again after the backoff, on a new connection
                Down(nowMs, "denied");
                return;
            }
            if (_inbox.TakeEcho())
            {
                _probe.Echoed();
                Refused(ProbeTopic, false, 0);
            }
            else if (_probe.Undelivered(nowMs))
            {
                _link.Disconnect(); // the broker takes this pile's publishes and drops them: nothing more is handed to it
                Refused(ProbeTopic, true, NotDelivered);
                Down(nowMs, "undelivered");
                return;
            }
            var deadAfterMs = 2000L * _options.KeepAliveS;
            for (var i = 0; i < MaxInFlight; i++)
            {
                if (_flightTopic[i] != NoTopic && nowMs - _flightSentMs[i] >= deadAfterMs)
                {
                    _link.Disconnect(); // half-open: the broker stopped answering but nothing told us
                    Down(nowMs, "stuck");
                    return;
                }
            }
            if (_upSinceMs >= 0 && nowMs - _upSinceMs >= StableMs)
            {
                _failures = 0;
                _brokerChoice.Held();
                _upSinceMs = -1;
                Interlocked.Exchange(ref _trackingFailedWord, 0); // a connection ran a minute with every publish tracked
            }
        }

        private void Connect(long nowMs)
        {
            _inbox.Forget();
            _options.Broker = _brokerChoice.Current;
            var result = _link.Connect(_options);
            if (result != LinkStatus.Ok)
            {
                _statistics.ConnectFailed(result);
                _brokerChoice.Failed();
                Retry(nowMs, ReasonOf(result));
                return;
            }
            _up = true;
            _upSinceMs = nowMs;
            _statistics.Connected();
            Interlocked.Exchange(ref _reconnectsWord, _statistics.Connects - 1);
            Interlocked.Exchange(ref _linkState, 1);
            if (_observer != null)
                _observer.LinkChanged(nowMs, true, "connected");
            for (var i = 0; i < MaxInFlight; i++)
                _flightTopic[i] = NoTopic;
            for (var i = 0; i < Outbox.Slots; i++)
                _slotAcked[i] = false;
            _slotsSent = 0; // whatever was not acknowledged goes again, in order
            _resultSent = false;
            _statusVersion = -1; // a status on every connect
            _probe.Start(_statistics.Connects);
            _inbox.ExpectEcho(_topics.Echo, _probe, _probe.Nonce);
            var status = _link.Subscribe(_topics.Commands, LinkQos.AtLeastOnce);
            if (status == LinkStatus.Ok && _updates != null)
                status = _link.Subscribe(_topics.UpdateData, LinkQos.AtLeastOnce);
            if (status == LinkStatus.Ok)
                status = _link.Subscribe(_topics.Echo, LinkQos.AtMostOnce);
            if (status == LinkStatus.Ok)
                return;
            _link.Disconnect(); // a pile that cannot hear its commands or its probe has no use for this connection
            if (status == LinkStatus.Refused)
                Refused(ProbeTopic, true, RefusedSubscription);
            Down(nowMs, status == LinkStatus.Refused ? "sub-denied" : ReasonOf(status));
        }

        /// <summary>The connection's delivery probe, once: to the pile's own echo topic, tracked like any QoS 1 publish.</summary>
        private void PublishProbe(long nowMs)
        {
            if (_probe.Sent || _link.Publish(_topics.Echo, _probe.Payload, 0, _probe.Count, LinkQos.AtLeastOnce, false, out var id) != LinkStatus.Ok)
                return;
            if (!Track(nowMs, id, ProbeTopic, -1))
                return;
            _probe.Published();
            Observe(nowMs, _topics.Echo, _probe.Payload, _probe.Count, LinkQos.AtLeastOnce, false);
        }

        /// <summary>Marks a topic kind refused (and how) or accepted; the link-refused fault's word follows.</summary>
        private void Refused(int kind, bool refused, int how)
        {
            _refusedKinds = refused ? _refusedKinds | (1 << kind) : _refusedKinds & ~(1 << kind);
            if (refused)
                Interlocked.Exchange(ref _refusalWord, how);
            Interlocked.Exchange(ref _refusedWord, _refusedKinds != 0 ? 1 : 0);
        }

        private void Down(long nowMs, string reason)
        {
            _up = false;
            _statistics.Lost();
            if (_upSinceMs >= 0)
            {
                _failures++; // lost before it was stable: the backoff keeps growing
                _brokerChoice.Failed();
            }
            else
            {
                _brokerChoice.LostAfterHolding();
            }
            Retry(nowMs, reason);
        }

        private void Retry(long nowMs, string reason)
        {
            for (var cause = 0; cause < Causes.Length; cause++)
                if (Causes[cause] == reason)
                    Interlocked.Exchange(ref _lastErrorWord, cause);
            var wasKnown = _linkState != LinkUnknown;
            var wasUp = _linkState == 1;
            Interlocked.Exchange(ref _linkState, 0);
            if (_observer != null && (wasUp || !wasKnown))
                _observer.LinkChanged(nowMs, false, reason);
            _nextAttemptMs = nowMs + _backoff.DelayMs(_failures);
            if (_failures < 30)
                _failures++;
        }

        /// <summary>Taken only while up: a trigger is answered before it runs, so its result and its message share the connection.</summary>
        private void TakeTriggers()
        {
            if (_triggers.TakeStatus())
                _statusVersion = -1;
            if (_triggers.TakeTelemetry())
                _telemetryAsked = true;
        }

        /// <summary>
        /// The retained status on a change, and once more when a backlog it showed has drained (else the broker would keep
        /// saying events are waiting). A drained status follows only a status that showed a backlog, so a weak link whose
        /// backlog comes and goes adds at most one status to each it would publish anyway.
        /// </summary>
        private void PublishStatusIfChanged(long nowMs)
        {
            var version = _snapshot.StatusVersion;
            var backlog = _outbox.Pending;
            var drained = _statusOutbox > 0 && backlog == 0;
            if ((version == _statusVersion && !drained) || !OtherFree())
                return;
            if (!RefreshView())
                return; // the control thread is inside a write: publishing the old view would mark this change as sent
            if (!_status.Online(_view, backlog, _outbox.Dropped, _statistics, nowMs, _snapshot.UnixS(nowMs)))
                return;
            if (!Publish(nowMs, _topics.Status, LinkQos.AtLeastOnce, true, StatusTopic, -1))
                return;
            _statusVersion = version;
            _statusOutbox = backlog;
        }

        private void PublishOutbox(long nowMs)
        {
            var handoff = _outbox.Handoff;
            int slot;
            while (_slotsSent < MaxOutboxInFlight && (slot = handoff.Peek(_slotsSent)) >= 0) // its entries are reserved: see MaxOtherInFlight
            {
                if (_link.Publish(_topics.Events, handoff.Payload(slot), 0, handoff.Length(slot), LinkQos.AtLeastOnce, false, out var id) != LinkStatus.Ok)
                    return;
                if (!Track(nowMs, id, OutboxTopic, _slotsSent))
                    return;
                Observe(nowMs, _topics.Events, handoff.Payload(slot), handoff.Length(slot), LinkQos.AtLeastOnce, false);
                _slotsSent++;
            }
        }

        /// <summary>
        /// The oldest result, one at a time: its slot is released only on its PUBACK (<see cref="Answered"/>), and a
        /// result the connection lost goes again on the next (<see cref="Connect"/>), so none is lost between the pile and
        /// the broker, and they arrive in the order answered.
        /// </summary>
        private void PublishResults(long nowMs)
        {
            var slot = _results.Peek();
            if (slot < 0 || _resultSent || !OtherFree() ||
                _link.Publish(_topics.CommandResults, _results.Payload(slot), 0, _results.Length(slot), LinkQos.AtLeastOnce, false, out var id) != LinkStatus.Ok)
                return;
            if (!Track(nowMs, id, ResultTopic, ResultSlot))
                return;
            _resultSent = true;
            Observe(nowMs, _topics.CommandResults, _results.Payload(slot), _results.Length(slot), LinkQos.AtLeastOnce, false);
        }

        /// <summary>Commands that found the mailbox full: rejected "busy" by this thread, from its own writer.</summary>
        private void PublishBusy(long nowMs)
        {
            var busy = _inbox.Busy;
            int slot;
            while ((slot = busy.Peek()) >= 0 && OtherFree())
            {
                _writer.Reset().BeginObject()
                    .Integer("v", 1)
                    .String("id", busy.Payload(slot), 0, busy.Length(slot))
                    .String("status", "Rejected")
                    .String("reason", CommandReasons.Busy)
                    .String("text", "the pile's command mailbox is full: send it again after a result")
                    .EndObject();
                if (!Publish(nowMs, _topics.CommandResults, LinkQos.AtLeastOnce, false, ResultTopic, -1))
                    return;
                busy.Release();
            }
        }

        private void PublishTelemetryIfDue(long nowMs)
        {
            RefreshView();
            var reading = _meter == null ? null : _meter.Latest;
            var powerW = reading == null ? 0 : reading.ActivePowerW;
            if (!_telemetryAsked && !_schedule.Due(nowMs, _charging, _view.Cp, powerW))
                return;
            _sample.UptimeMs = nowMs;
            _sample.UnixS = _snapshot.UnixS(nowMs);
            _sample.Cp = _view.Cp;
            _sample.AdvertisedMa = _view.AdvertisedMa;
            _sample.SetMeter(reading, _phases);
            _sample.EnclosureDeciC = _temperatures.EnclosureDeciC;
            _sample.ConnectorDeciC = _temperatures.ConnectorDeciC;
            _sample.Site = Site;
            if (!_telemetry.Encode(_sample) || !Publish(nowMs, _topics.Telemetry, LinkQos.AtMostOnce, false, NoTopic, -1))
                return;
            _schedule.Sent(nowMs, _view.Cp, powerW);
            _telemetryAsked = false;
        }

        /// <summary>The control thread's state into <see cref="_view"/>, copied only when its snapshot changed since the last copy.</summary>
        /// <returns>false when the copy failed (the control thread kept writing): the view is an older state</returns>
        private bool RefreshView()
        {
            var version = _snapshot.Version;
            if (version == _viewVersion)
                return true;
            bool charging;
            if (!_snapshot.CopyTo(_view, out charging))
                return false; // the view keeps its last copy, and _charging with it
            _charging = charging;
            _viewVersion = version;
            return true;
        }

        private bool Publish(long nowMs, string topic, LinkQos qos, bool retain, int kind, int slot)
        {
            if (_link.Publish(topic, _writer.Buffer, 0, _writer.Length, qos, retain, out var id) != LinkStatus.Ok)
                return false;
            if (qos == LinkQos.AtLeastOnce && !Track(nowMs, id, kind, slot))
                return false;
            Observe(nowMs, topic, _writer.Buffer, _writer.Length, qos, retain);
            return true;
        }

        private void Observe(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain)
        {
            if (_observer != null)
                _observer.Published(nowMs, topic, payload, count, qos, retain);
        }

        /// <summary>
        /// Whether a status, a command result or a busy answer may be published: fewer than <see cref="MaxOtherInFlight"/>
        /// of them in flight. The outbox never asks: it has at most <see cref="MaxOutboxInFlight"/> in flight, and the rest
        /// of the table is kept for it.
        /// </summary>
        private bool OtherFree()
        {
            var others = 0;
            for (var i = 0; i < MaxInFlight; i++)
                if (_flightTopic[i] != NoTopic && _flightTopic[i] != OutboxTopic)
                    others++;
            return others < MaxOtherInFlight;
        }

        /// <summary>
        /// Enters a publish the link took into the table. It cannot fail while the others keep to <see cref="OtherFree"/>
        /// and the link gives distinct ids; if it does (a broken adapter, a broken rule here), the publish is out
        /// untracked: its PUBACK would match nothing, and an outbox slot would never be released. Then the connection is
        /// dropped (after the reconnect everything unacknowledged goes again) and the pile raises link-tracking.
        /// </summary>
        /// <returns>false when it failed: the caller stops publishing, the link is down</returns>
        private bool Track(long nowMs, int messageId, int kind, int slot)
        {
            var entry = -1;
            var duplicate = false; // the id is already in flight: its acknowledgements would be ambiguous
            for (var i = 0; i < MaxInFlight; i++)
            {
                if (_flightTopic[i] == NoTopic)
                {
                    if (entry < 0)
                        entry = i;
                }
                else if (_flightIds[i] == messageId)
                {
                    duplicate = true;
                }
            }
            if (entry < 0 || duplicate)
            {
                Interlocked.Exchange(ref _trackingFailedWord, 1);
                _link.Disconnect();
                Down(nowMs, "untracked");
                return false;
            }
            _flightIds[entry] = messageId;
            _flightTopic[entry] = kind;
            _flightSlot[entry] = slot;
            _flightSentMs[entry] = nowMs;
            return true;
        }

        /// <summary>
        /// The broker's answer to a publish in flight: accepted (PUBACK) releases what it carried; refused leaves it in place,
        /// unacknowledged, for the next connection, and marks its topic refused until a publish on it is accepted.
        /// </summary>
        /// <returns>false when the broker refused it</returns>
        private bool Answered(int messageId, bool accepted, long nowMs)
        {
            for (var i = 0; i < MaxInFlight; i++)
            {
                var kind = _flightTopic[i];
                if (kind == NoTopic || _flightIds[i] != messageId)
                    continue;
                if (accepted && kind == OutboxTopic && _flightSlot[i] >= 0)
                    _slotAcked[_flightSlot[i]] = true;
                if (accepted && kind == ResultTopic && _flightSlot[i] == ResultSlot)
                {
                    _results.Release(); // the control thread may answer the next command
                    _resultSent = false;
                }
                if (accepted && kind == ProbeTopic)
                    _probe.Acknowledged(nowMs); // only its echo says the broker delivers: the refusal clears there
                else
                    Refused(kind, !accepted, RefusedPublish);
                _flightTopic[i] = NoTopic;
                break;
            }
            return accepted;
        }

        /// <summary>Releases the oldest outbox slots once acknowledged, in order: the storage thread moves the cursor over them.</summary>
        private void ReleaseAcknowledgedSlots()
        {
            var released = 0;
            while (released < _slotsSent && _slotAcked[released])
                released++;
            if (released == 0)
                return;
            for (var n = 0; n < released; n++)
                _outbox.Handoff.Release();
            for (var i = 0; i < Outbox.Slots; i++)
                _slotAcked[i] = i + released < Outbox.Slots && _slotAcked[i + released];
            for (var i = 0; i < MaxInFlight; i++)
                if (_flightTopic[i] == OutboxTopic)
                    _flightSlot[i] -= released;
            _slotsSent -= released;
        }

        private static string ReasonOf(LinkStatus status)
        {
            switch (status)
            {
                case LinkStatus.DnsFailure: return "dns";
                case LinkStatus.TlsFailure: return "tls";
                case LinkStatus.AuthenticationFailure: return "auth";
                case LinkStatus.Refused: return "refused";
                case LinkStatus.Timeout: return "timeout";
                default: return "network";
            }
        }
    }
}

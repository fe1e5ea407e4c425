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
    /// Its parts: the session (LinkSupervisor.Connection.cs), what is published (.Publishing.cs), the publishes in flight
    /// (.InFlight.cs), the planned disconnect (.Leave.cs); refusals in <see cref="LinkRefusals"/>, causes in <see cref="LinkCauses"/>.
    /// </summary>
    public sealed partial class LinkSupervisor
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
        private int _lastErrorWord = LinkCauses.None;
        private int _trackingFailedWord;
        private readonly LinkRefusals _refusals = new LinkRefusals();
        private readonly DeliveryProbe _probe;

        /// <summary><see cref="Refusal"/>: the broker answered a publish with a refusal (MQTT 5, <see cref="RefusedReason"/>).</summary>
        public const int RefusedPublish = 1;
        /// <summary><see cref="Refusal"/>: the broker refused a subscription (SUBACK 0x80, or an MQTT 5 refusal).</summary>
        public const int RefusedSubscription = 2;
        /// <summary><see cref="Refusal"/>: the broker acknowledged the delivery probe and never delivered it (MQTT 3.1.1's ACL).</summary>
        public const int NotDelivered = 3;

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
        public bool PublishesRefused => _refusals.Any;
        /// <summary>Read by the control thread (the console): the last refusal's reason code (0x87 not authorized), 0 if none.</summary>
        public int RefusedReason => _inbox.RefusedReason;
        /// <summary>Read by the control thread (the console): how the broker last refused the pile (<see cref="RefusedPublish"/>,
        /// <see cref="RefusedSubscription"/>, <see cref="NotDelivered"/>), 0 if never.</summary>
        public int Refusal => _refusals.Last;
        /// <summary>Read by the control thread (the console): why the link last failed or was lost, or null.</summary>
        public string LastError => LinkCauses.Name(Interlocked.CompareExchange(ref _lastErrorWord, 0, 0));

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
    }
}

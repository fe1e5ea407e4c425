using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// The platform's commands, on the control thread between ticks. A command is
    /// {"v":1,"id":"..","cmd":"..","expires":"<UTC ISO-8601>"|"ttlS":n, ...arguments}; every one gets exactly one result.
    /// It is checked completely (size, JSON, envelope, replay, expiry, every argument) before anything changes, so a
    /// rejected command changes nothing. The ids and results of the last <see cref="ReplayWindow"/> commands are kept, in
    /// RAM and on flash (<see cref="AnsweredCommands"/>), and a command whose id comes again (an MQTT redelivery, the
    /// platform's retry) is answered with the original result, marked replayed, and not executed twice, also after a
    /// reboot. Each result is posted once its entry is on flash, so no run of the pile can contradict an answer sent.
    /// A command that stores something (config set, tariff, schedule, fleet-list) hands the write to the storage thread
    /// and is answered only once the write is done: Accepted means stored and in force (a config change from the next
    /// boot), storage-failed means nothing changed. Meanwhile later commands wait in the mailbox, so they run in the
    /// order sent and see the stored table.
    /// </summary>
    public sealed class CommandHandler
    {
        public const int ReplayWindow = AnsweredCommands.Capacity;
        public const int MaxIdLength = 64;
        public const int MaxTtlS = 86400;
        public const int MaxLimitW = 60000;
        public const int MaxLimitDurationS = 86400;
        /// <summary>A kW limit becomes a current per phase at the nominal 230 V of GB/T 156.</summary>
        public const int NominalPhaseV = 230;
        /// <summary>Commands taken from the mailbox in one tick: bounds the tick's time (one parse of at most 2 KB).</summary>
        public const int CommandsPerTick = 1;

        private static readonly string[] Envelope = { "v", "id", "cmd", "expires", "ttlS" };
        private static readonly string[] StartArguments = { "idTag" };
        private static readonly string[] NoArguments = new string[0];
        private static readonly string[] LimitArguments = { "amps", "kw", "durationS" };
        private static readonly string[] AvailabilityArguments = { "state" };
        private static readonly string[] RebootArguments = { "when" };
        private static readonly string[] TriggerArguments = { "what" };
        private static readonly string[] ClearFaultArguments = { "code" };

        private readonly JsonReader _json = new JsonReader();
        private readonly CommandResult _result = new CommandResult();
        private readonly AnsweredCommands _answered;
        private readonly FlashWrites _writes;
        /// <summary>The flash write of the last result's entry in <see cref="_answered"/>; 0 when none is awaited.</summary>
        private int _answerTicket;
        private readonly Pile _pile;
        private readonly EventRing _clock;
        private readonly ICommandHost _host;
        private readonly TableCommands _tables;
        private readonly ConfigCommand _configCommand;
        private readonly UpdateCommand _updateCommand;

        private bool _limitActive;
        private int _limitBeforeMa;
        private long _limitUntilMs;
        private bool _rebootWhenIdle;
        /// <summary>A reboot now: carried out once its answer is on flash and posted (a retry after the reboot gets it).</summary>
        private bool _rebootWhenAnswered;
        private bool _rebooting;

        /// <param name="config">the running configuration's record: config get reads it, config set changes it once stored; the pile
        /// runs with what it booted with (<see cref="Pile.RatedMa"/>, <see cref="Pile.Phases"/>) until the next boot</param>
        /// <param name="clock">whose wall clock (set from SNTP) dates "expires" and the opening hours, and where the versions of the tables go</param>
        /// <param name="writes">the storage thread's queue of flash writes, for the tables (one write at a time)</param>
        /// <param name="configWrite">the change of the stored <paramref name="config"/>, shared with the console</param>
        public CommandHandler(Pile pile, PileConfig config, IFileStore store, EventRing clock, ICommandHost host, FlashWrites writes,
            ConfigWrite configWrite)
        {
            _pile = pile;
            _clock = clock;
            _host = host;
            _tables = new TableCommands(_json, _result, store, writes);
            _answered = new AnsweredCommands(store);
            _writes = writes;
            _configCommand = new ConfigCommand(_json, _result, config, configWrite);
            _updateCommand = new UpdateCommand(_json, _result);
        }

        /// <summary>The firmware update the `update` command offers a package to; null for a pile without update slots.</summary>
        public Updates.UpdateAgent Updates { get; set; }

        public Tariff Tariff => _tables.Tariff;
        public OpeningHours Hours => _tables.Hours;
        public FleetList Fleet => _tables.Fleet;
        public CommandResult Result => _result;
        /// <summary>A limit from a command is in force until its duration ends.</summary>
        public bool LimitActive => _limitActive;
        /// <summary>When the limit in force ends (meaningful while <see cref="LimitActive"/>).</summary>
        public long LimitEndsAtMs => _limitUntilMs;
        public bool RebootPending => _rebootWhenIdle;
        /// <summary>A reboot was asked for and is under way: no further command is taken (the next run takes the platform's retries).</summary>
        public bool Rebooting => _rebooting;

        /// <summary>
        /// Loads tariff, opening hours and fleet list from flash (at boot, before the threads start) and gives the pile
        /// the hours and the list it enforces.
        /// </summary>
        public void Load(long nowMs)
        {
            _tables.Load();
            _answered.Load();
            _pile.UseLocalLists(_tables.Hours, _tables.Fleet);
            if (Tariff.Version > 0 || Hours.Version > 0 || Fleet.Version > 0)
                ReportTables(nowMs);
        }

        /// <summary>The versions in force go into the event stream, and from there into the status.</summary>
        private void ReportTables(long nowMs) => _clock.Tables(nowMs, Tariff.Version, Hours.Version, Fleet.Version);

        /// <summary>The answer to the last command waits for the storage thread (<see cref="TryFinish"/>): its write, or its entry's.</summary>
        public bool AwaitsStorage => _tables.Pending || _configCommand.Pending || _answerTicket != 0;

        /// <summary>
        /// One tick's share of the mailbox: first the answer of a command whose write the storage thread has done, then
        /// at most <see cref="CommandsPerTick"/> commands from <paramref name="mailbox"/>, each result posted to
        /// <paramref name="results"/>. While the result ring is full, or a write is pending, the commands wait, so none
        /// goes unanswered and none overtakes a stored change.
        /// </summary>
        /// <param name="writer">writes each result straight into the free slot of <paramref name="results"/></param>
        public void Serve(MessageRing mailbox, MessageRing results, JsonWriter writer, long nowMs)
        {
            if (AwaitsStorage)
            {
                if (results.Count == results.Capacity || !TryFinish(nowMs))
                    return;
                Post(results, writer, nowMs);
            }
            for (var n = 0; n < CommandsPerTick && !AwaitsStorage && !_rebooting && results.Count < results.Capacity; n++)
            {
                var slot = mailbox.Peek();
                if (slot < 0)
                    break;
                Handle(mailbox.Payload(slot), mailbox.Length(slot), mailbox.Oversized(slot), mailbox.ReceivedMs(slot), nowMs);
                mailbox.Release();
                if (!AwaitsStorage)
                    Post(results, writer, nowMs);
            }
        }

        /// <summary>When the storage thread has done the pending write: the command's answer is final in <see cref="Result"/>.</summary>
        /// <returns>false while the write is still under way</returns>
        public bool TryFinish(long nowMs)
        {
            if (_tables.Pending || _configCommand.Pending)
            {
                if (!FinishWrite(nowMs))
                    return false;
                Remember();
            }
            if (_answerTicket != 0 && !_writes.Done(_answerTicket))
                return false;
            _answerTicket = 0; // a failed entry write leaves the window in RAM only: the result goes out all the same
            return true;
        }

        private bool FinishWrite(long nowMs)
        {
            if (_tables.Pending)
            {
                if (!_tables.Done)
                    return false;
                if (_tables.Finish())
                    ReportTables(nowMs);
                return true;
            }
            if (!_configCommand.Done)
                return false;
            _configCommand.Finish();
            return true;
        }

        /// <summary>A final result into the window, and its entry to flash before the result is posted.</summary>
        private void Remember()
        {
            if (_result.Replayed || _result.Id.Length == 0)
                return;
            var entry = _answered.Add(_result.Id, _result.Accepted, _result.Reason, _result.Text);
            _answerTicket = _writes.TryPost(_answered.Stage(entry)); // 0 when the queue is full: RAM only
        }

        /// <summary>The result is written straight into the ring's free slot (Serve made sure there is one): no copy, no buffer of its own.</summary>
        private void Post(MessageRing results, JsonWriter writer, long nowMs)
        {
            var slot = results.FreeSlot();
            if (slot < 0)
                return; // cannot happen: Serve takes a command only while the result ring has room
            _result.WriteTo(writer.Into(results.Payload(slot)));
            results.Post(writer.Length, nowMs);
        }

        /// <summary>
        /// Once a reboot is asked for, no more commands are taken: what this run would answer, the reboot would lose.
        /// They stay in the mailbox (on the device the broker delivers them again to the next run).
        /// </summary>
        private void RebootNow()
        {
            _rebooting = true;
            _host.Reboot();
        }

        /// <summary>Time-driven parts of commands: a limit's end, a reboot waiting for its answer or for the session to end.</summary>
        public void Tick(long nowMs)
        {
            if (_rebootWhenAnswered && !AwaitsStorage)
            {
                _rebootWhenAnswered = false;
                _host.Reboot();
            }
            if (_limitActive && nowMs >= _limitUntilMs)
            {
                _limitActive = false;
                _pile.SetPlatformLimitMa(_limitBeforeMa);
            }
            // idle: no session runs, and no stored change still waits for its answer (a reboot would lose it)
            if (_rebootWhenIdle && (_pile.Session == null || _pile.Session.Ended) && !AwaitsStorage)
            {
                _rebootWhenIdle = false;
                RebootNow();
            }
        }

        /// <summary>Checks and executes one command; the answer is in <see cref="Result"/>.</summary>
        /// <param name="oversized">the message did not fit the mailbox's slot (nothing of it is in <paramref name="payload"/>)</param>
        /// <param name="receivedMs">when the network thread received it (ttlS counts from there)</param>
        public bool Handle(byte[] payload, int length, bool oversized, long receivedMs, long nowMs)
        {
            var accepted = Check(payload, length, oversized, receivedMs, nowMs);
            if (!AwaitsStorage)
                Remember();
            return accepted;
        }

        private bool Check(byte[] payload, int length, bool oversized, long receivedMs, long nowMs)
        {
            _result.Begin("");
            if (oversized || length > JsonReader.MaxBytes)
                return _result.Reject(CommandReasons.Oversized, "a command is at most 2048 bytes");
            if (!_json.Parse(payload, length))
                return _result.Reject(CommandReasons.Malformed, _json.Error);
            if (!CheckEnvelope(receivedMs, nowMs))
                return false;
            return Execute(nowMs);
        }

        private bool CheckEnvelope(long receivedMs, long nowMs)
        {
            var id = _json.Member(JsonReader.Root, "id");
            if (id < 0 || _json.Kind(id) != JsonKind.String || !ValidId(id))
                return _result.Reject(CommandReasons.BadEnvelope, "id must be 1 to 64 printable ASCII characters");
            _result.SetId(_json.String(id));
            int version;
            var v = _json.Member(JsonReader.Root, "v");
            if (v < 0 || !_json.TryInt(v, out version))
                return _result.Reject(CommandReasons.BadEnvelope, "v must be the envelope version, 1");
            if (version != 1)
                return _result.Reject(CommandReasons.UnsupportedVersion, "this pile reads envelope version 1");
            var answered = _answered.Find(_result.Id);
            if (answered >= 0)
                return _result.Repeat(_answered.Accepted(answered), _answered.Reason(answered), _answered.Text(answered));
            var cmd = _json.Member(JsonReader.Root, "cmd");
            if (cmd < 0 || _json.Kind(cmd) != JsonKind.String)
                return _result.Reject(CommandReasons.BadEnvelope, "cmd must name the command");
            return Fresh(receivedMs, nowMs);
        }

        private bool ValidId(int id)
        {
            var length = _json.RawLength(id);
            if (length == 0 || length > MaxIdLength)
                return false;
            var start = _json.RawStart(id);
            var bytes = _json.Buffer;
            for (var i = start; i < start + length; i++)
                if (bytes[i] < 0x20 || bytes[i] > 0x7E || bytes[i] == '\\')
                    return false;
            return true;
        }

        private bool Fresh(long receivedMs, long nowMs)
        {
            var expires = _json.Member(JsonReader.Root, "expires");
            var ttl = _json.Member(JsonReader.Root, "ttlS");
            if ((expires < 0) == (ttl < 0))
                return _result.Reject(CommandReasons.BadEnvelope, "give expires or ttlS, one of them");
            if (ttl >= 0)
            {
                int ttlS;
                if (!_json.TryInt(ttl, out ttlS) || ttlS < 1 || ttlS > MaxTtlS)
                    return _result.Reject(CommandReasons.BadEnvelope, "ttlS must be 1 to 86400 seconds");
                if (nowMs - receivedMs > ttlS * 1000L)
                    return _result.Reject(CommandReasons.Expired, "its ttlS ran out before it could run");
                return true;
            }
            var expiresS = _json.Kind(expires) == JsonKind.String ? IsoTime.Parse(_json.Buffer, _json.RawStart(expires), _json.RawLength(expires)) : -1;
            if (expiresS < 0)
                return _result.Reject(CommandReasons.BadEnvelope, "expires must be UTC like 2026-11-28T10:36:16Z");
            var wallS = _clock.WallClockS(nowMs);
            if (wallS == 0)
                return _result.Reject(CommandReasons.NoClock, "the pile's clock is not set: use ttlS");
            if (wallS >= expiresS)
                return _result.Reject(CommandReasons.Expired, "it expired before it arrived");
            return true;
        }

        private bool Execute(long nowMs)
        {
            var cmd = _json.Member(JsonReader.Root, "cmd");
            if (_json.StringEquals(cmd, "start"))
                return Arguments(StartArguments) && Start();
            if (_json.StringEquals(cmd, "stop"))
                return Arguments(NoArguments) && Stop();
            if (_json.StringEquals(cmd, "limit"))
                return Arguments(LimitArguments) && Limit(nowMs);
            if (_json.StringEquals(cmd, "availability"))
                return Arguments(AvailabilityArguments) && Availability();
            if (_json.StringEquals(cmd, "reboot"))
                return Arguments(RebootArguments) && Reboot();
            if (_json.StringEquals(cmd, "trigger"))
                return Arguments(TriggerArguments) && Trigger();
            if (_json.StringEquals(cmd, "clear-fault"))
                return Arguments(ClearFaultArguments) && ClearFault();
            if (_json.StringEquals(cmd, "config"))
                return Arguments(ConfigCommand.Arguments) && _configCommand.Execute();
            if (_json.StringEquals(cmd, "tariff"))
                return Arguments(TableCommands.TariffArguments) && _tables.SetTariff();
            if (_json.StringEquals(cmd, "schedule"))
                return Arguments(TableCommands.ScheduleArguments) && _tables.SetSchedule();
            if (_json.StringEquals(cmd, "fleet-list"))
                return Arguments(TableCommands.FleetArguments) && _tables.UpdateFleet();
            if (_json.StringEquals(cmd, "update"))
                return Arguments(UpdateCommand.Arguments) && _updateCommand.Execute(Updates, nowMs);
            return _result.Reject(CommandReasons.UnknownCommand, "commands: start stop limit availability reboot trigger clear-fault config tariff schedule fleet-list update");
        }

        /// <summary>Every member is the envelope's or one of the command's arguments: a misspelt argument is not ignored.</summary>
        private bool Arguments(string[] allowed)
        {
            for (var name = _json.FirstName(JsonReader.Root); name >= 0; name = _json.NextName(name))
                if (!_json.NameIn(name, Envelope) && !_json.NameIn(name, allowed))
                    return _result.RejectNaming(CommandReasons.BadArgument, "an argument this command does not take:", _json, name, "");
            return true;
        }

        private bool Start()
        {
            var tag = _json.Member(JsonReader.Root, "idTag");
            if (tag < 0 || _json.Kind(tag) != JsonKind.String || _json.RawLength(tag) > IdTags.MaxBytes)
                return _result.Reject(CommandReasons.BadArgument, "idTag must be 1 to 20 printable ASCII characters");
            var idTag = _json.String(tag);
            if (!IdTags.Valid(idTag))
                return _result.Reject(CommandReasons.BadArgument, "idTag must be 1 to 20 printable ASCII characters");
            if (_pile.AuthorizationMode == AuthorizationMode.Free)
                return _result.Accept(CommandReasons.NoOp, "free mode: every plug-in charges, there is nothing to start");
            if (!_pile.OpenFor(idTag))
                return _result.Reject(CommandReasons.Closed, "outside opening hours only fleet id tags may charge");
            return Outcome(_pile.Authorize(idTag));
        }

        private bool Stop() => Outcome(_pile.RequestStop(StopReason.Remote));

        private bool Limit(long nowMs)
        {
            var amps = _json.Member(JsonReader.Root, "amps");
            var kw = _json.Member(JsonReader.Root, "kw");
            if ((amps < 0) == (kw < 0))
                return _result.Reject(CommandReasons.BadArgument, "give amps or kw, one of them");
            int limitMa;
            if (amps >= 0)
            {
                int a;
                if (!_json.TryInt(amps, out a) || !CurrentLimit.IsLimitA(a))
                    return _result.Reject(CommandReasons.BadArgument, "amps must be " + CurrentLimit.LimitARange);
                limitMa = a * 1000;
            }
            else
            {
                long w;
                if (!_json.TryFixed(kw, 3, out w) || w < 0 || w > MaxLimitW)
                    return _result.Reject(CommandReasons.BadArgument, "kw must be 0 to 60 with at most 3 decimals");
                limitMa = (int)(w * 1000 / (NominalPhaseV * _pile.Phases)); // the phases in force, not a stored change
            }
            int durationS;
            var duration = _json.Member(JsonReader.Root, "durationS");
            if (duration < 0 || !_json.TryInt(duration, out durationS) || durationS < 1 || durationS > MaxLimitDurationS)
                return _result.Reject(CommandReasons.BadArgument, "durationS must be 1 to 86400 seconds");
            var before = _limitActive ? _limitBeforeMa : _pile.PlatformLimitMa;
            _pile.SetPlatformLimitMa(limitMa);
            _limitBeforeMa = before;
            _limitActive = true;
            _limitUntilMs = nowMs + durationS * 1000L;
            return _result.Accept(CommandReasons.Ok, limitMa < Pilot.PilotDuty.MinimumCurrentMa ?
                "below 6 A: charging pauses until the limit ends" : "the limit is in force from this tick");
        }

        private bool Availability()
        {
            var state = _json.Member(JsonReader.Root, "state");
            var operative = _json.StringEquals(state, "operative");
            if (!operative && !_json.StringEquals(state, "inoperative"))
                return _result.Reject(CommandReasons.BadArgument, "state must be operative or inoperative");
            var running = _pile.Session != null && !_pile.Session.Ended;
            _pile.SetAvailable(operative);
            return _result.Accept(CommandReasons.Ok, !operative && running ?
                "unavailable once the running session has ended" : operative ? "operative" : "inoperative");
        }

        private bool Reboot()
        {
            var when = _json.Member(JsonReader.Root, "when");
            var now = _json.StringEquals(when, "now");
            if (!now && !_json.StringEquals(when, "idle"))
                return _result.Reject(CommandReasons.BadArgument, "when must be idle (after the running session) or now");
            if (now)
                _rebootWhenAnswered = _rebooting = true; // no further command is taken
            else
                _rebootWhenIdle = true;
            return _result.Accept(CommandReasons.Ok, now ? "rebooting now" : "rebooting once no session runs");
        }

        private bool Trigger()
        {
            var what = _json.Member(JsonReader.Root, "what");
            var telemetry = _json.StringEquals(what, "telemetry");
            if (!telemetry && !_json.StringEquals(what, "status"))
                return _result.Reject(CommandReasons.BadArgument, "what must be status or telemetry");
            _host.Trigger(telemetry);
            return _result.Accept(CommandReasons.Ok, telemetry ? "telemetry follows" : "status follows");
        }

        private bool ClearFault()
        {
            var code = _json.Member(JsonReader.Root, "code");
            for (var i = 0; i < FaultBook.FaultCount; i++)
                if (_json.StringEquals(code, FaultPolicies.DetailOf((Fault)i)))
                    return Outcome(_pile.ClearFault((Fault)i));
            return _result.Reject(CommandReasons.BadArgument, "code must name a fault by its detail, e.g. rcd-ac (docs/faults.md)");
        }

        /// <summary>The core's answer: null accepted, else its refusal as the text.</summary>
        private bool Outcome(string refusal) =>
            refusal == null ? _result.Accept(CommandReasons.Ok, "done") : _result.Reject(CommandReasons.Refused, refusal);
    }
}

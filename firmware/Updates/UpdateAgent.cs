using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Telemetry;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The pile's side of a firmware update (docs/mqtt-api.md, Updates), on the control thread, never waiting: it pulls the
    /// package named by an `update` command chunk by chunk over the link (<see cref="UpdateChannel"/>: one request
    /// outstanding, asked again after the chunk timeout) and hands each answer to the storage thread, which appends it to
    /// the staged file in the inactive slot, flushes it and hashes it (<see cref="StagingWrite"/>); the next chunk is asked
    /// for only once that is durable. First manifest.json and manifest.sig, then, once <see cref="ManifestCheck"/> trusts
    /// the manifest, the files it names, each checked against its size and digest. A reboot, a power cut or a lost link
    /// resumes where the staged file ends: the record (<see cref="UpdateRecord"/>) says which files are done, the staged
    /// file's length where the next chunk starts, and its hash is computed again from its start. Then the switch, the trial
    /// and its confirmation (<see cref="Install"/>). Every step is an `update` event. Nothing is allocated per tick.
    /// </summary>
    public sealed partial class UpdateAgent
    {
        private const int StepClear = 1;
        private const int StepMark = 2;
        private const int StepMeasure = 3;
        private const int StepRehash = 4;
        private const int StepFetch = 5;
        private const int StepAppend = 6;
        private const int StepFinish = 7;
        private const int StepVerify = 8;
        private const int StepSaveState = 9;

        /// <summary>A progress event at most every tenth of the package, or this often.</summary>
        public const int ProgressEveryMs = 60000;

        private readonly FlashTicket _ticket;
        private readonly StagingWrite _staging;
        private readonly ManifestCheck _check;
        private readonly UpdateChannel _channel;
        private readonly EventRing _events;
        private readonly string _pileId;
        private readonly int _chunkTimeoutMs;
        private readonly UpdateRecord _record = new UpdateRecord();
        private readonly UpdateFiles _files;
        private readonly ChunkFrame _frame = new ChunkFrame();
        private readonly JsonWriter _request = new JsonWriter(UpdateChannel.RequestBytes);

        private int _step;
        /// <summary>The storage thread's job under way (or waiting for a free place in the queue), null when none.</summary>
        private IFlashWrite _job;
        private int _file;
        private bool _asked;
        private int _askedOffset;
        private long _askedAtMs;
        /// <summary>Bytes of the package staged before the current file, and of the current file.</summary>
        private int _doneBytes;
        private int _stagedBytes;
        private int _reportedTenth = -1;
        private long _reportedAtMs;

        /// <param name="record">the record stored at boot (its state Idle when there was none)</param>
        /// <param name="slots">the slot record as the loader left it at this boot (a new one, factory, when there was none)</param>
        public UpdateAgent(FlashWrites writes, StagingWrite staging, ManifestCheck check, UpdateChannel channel, EventRing events,
            string pileId, int chunkTimeoutMs, UpdateRecord record, SlotState slots, SlotStateWrite slotWrite, SlotSwitch slotSwitch,
            ICommandHost host, int factoryVersion)
        {
            _ticket = new FlashTicket(writes);
            _staging = staging;
            _check = check;
            _channel = channel;
            _events = events;
            _pileId = pileId;
            _chunkTimeoutMs = chunkTimeoutMs;
            _files = new UpdateFiles(check.Manifest);
            _record.CopyFrom(record);
            _slots = slots;
            _slotWrite = slotWrite;
            _switch = slotSwitch;
            _host = host;
            RunningVersion = slots.ActiveSlot == SlotLayout.Factory ? factoryVersion : slots.RunningVersion;
            StagingSlot = slots.ActiveSlot == SlotLayout.Factory ? 0 : SlotLayout.Other(slots.ActiveSlot);
            Outcome = UpdateStates.Idle;
        }

        public int StagingSlot { get; }
        /// <summary>The version running now: the active slot's manifest's, or the factory copy's.</summary>
        public int RunningVersion { get; }
        /// <summary>The update's step (<see cref="UpdateStates"/>): idle, downloading, verified, switching, trial.</summary>
        public int State => _record.State;
        /// <summary>How the last update ended this boot (confirmed, rejected, rolled-back), or idle.</summary>
        public int Outcome { get; private set; }
        /// <summary>The last rejection's or rollback's reason, or null.</summary>
        public string OutcomeReason { get; private set; }
        /// <summary>What failed, for a person (the console), or null.</summary>
        public string OutcomeDetail { get; private set; }
        public string Package => _record.Package;
        /// <summary>The package's version once its manifest is trusted (<see cref="UpdateVersion.None"/> before).</summary>
        public int Version => _record.Version;
        /// <summary>Bytes staged of the package so far, and of the whole (manifest and signature only, until the manifest is trusted).</summary>
        public int StagedBytes => _doneBytes + _stagedBytes;
        public int TotalBytes => _files.TotalBytes;
        /// <summary>What the status says: the step under way, else how the last one ended.</summary>
        public int Shown => _record.State != UpdateStates.Idle ? _record.State : Outcome;

        /// <summary>An `update` command: the package to fetch, the size of its manifest, the switch window (-1: none).</summary>
        /// <returns>null when taken (the pile fetches it), else why not</returns>
        public string Offer(string package, int manifestBytes, int windowStartMin, int windowEndMin, long nowMs)
        {
            if (_record.State != UpdateStates.Idle)
                return "an update is in progress: " + _record.Package;
            if (_job != null)
                return "storage is busy with the last update's record";
            _record.State = UpdateStates.Downloading;
            _record.Package = package;
            _record.ManifestBytes = manifestBytes;
            _record.Slot = StagingSlot;
            _record.FilesDone = 0;
            _record.FilesStarted = 0;
            _record.WindowStartMin = windowStartMin;
            _record.WindowEndMin = windowEndMin;
            _record.Version = UpdateVersion.None;
            _record.FromVersion = RunningVersion;
            Outcome = UpdateStates.Idle;
            OutcomeReason = OutcomeDetail = null;
            _files.Begin(_record.Slot, manifestBytes);
            _file = 0;
            _doneBytes = _stagedBytes = 0;
            _reportedTenth = -1;
            _reportedAtMs = nowMs;
            Event(nowMs, UpdateStates.Offered, null);
            Post(StepSaveState, _staging.ToSave(_record)); // before the command's answer: the flash writes run in order
            return null;
        }

        /// <summary>After a reboot, downloading: on from the first file not done (the manifest is checked again first, its files come from it).</summary>
        private void ResumeDownload()
        {
            _files.Begin(_record.Slot, _record.ManifestBytes);
            _file = _record.FilesDone < UpdateFiles.Unsigned ? _record.FilesDone : UpdateFiles.Unsigned;
            _doneBytes = 0;
            for (var i = 0; i < _file; i++)
                _doneBytes += _files.Size(i);
            _step = _file == UpdateFiles.Unsigned ? StepVerify : StepClear;
        }

        /// <summary>One pass of the control thread: the storage thread's last job collected, the next step taken.</summary>
        /// <param name="sessionRunning">a session runs: no switch now</param>
        /// <param name="linkUp">the platform link is up (a trial needs it once)</param>
        /// <param name="localMinute">minutes after local midnight, -1 without a clock (the switch window)</param>
        /// <param name="supervisorLooks">the supervisor thread's count of looks (a trial needs it looking)</param>
        public void Tick(long nowMs, bool sessionRunning, bool linkUp, int localMinute, int supervisorLooks)
        {
            if (!_started)
                Start(nowMs);
            if (_job != null)
            {
                if (!_ticket.Pending && !_ticket.TryPost(_job))
                    return; // the storage thread's queue was full: posted again now
                if (!_ticket.Done)
                    return;
                _job = null;
                if (!_ticket.Collect())
                {
                    StorageFailed(nowMs);
                    return;
                }
                Done(nowMs);
                if (_job != null)
                    return;
            }
            if (_record.State == UpdateStates.Downloading)
                Download(nowMs);
            else
                Install(nowMs, sessionRunning, linkUp, localMinute, supervisorLooks);
        }

        /// <summary>What the finished job means for the next step.</summary>
        private void Done(long nowMs)
        {
            switch (_step)
            {
                case StepSaveState:
                    _step = _record.State == UpdateStates.Downloading ? StepClear : 0;
                    return;
                case StepClear:
                    _step = StepMark;
                    return;
                case StepMark:
                    _step = StepMeasure;
                    return;
                case StepMeasure:
                case StepRehash:
                    _stagedBytes = _staging.StagedBytes;
                    _step = _staging.HashedBytes < _staging.StagedBytes ? StepRehash : StepFetch;
                    return;
                case StepAppend:
                    _channel.Data.Release();
                    _stagedBytes = _staging.StagedBytes;
                    _asked = false;
                    Progress(nowMs);
                    _step = StepFetch;
                    return;
                case StepFinish:
                    FileFinished(nowMs);
                    return;
                case StepVerify:
                    Trusted(nowMs);
                    return;
                default:
                    InstallDone(nowMs);
                    return;
            }
        }

        private void Download(long nowMs)
        {
            var name = _files.Staged(_file);
            switch (_step)
            {
                case StepClear:
                    if (_file < _record.FilesStarted)
                        _step = StepMeasure; // staged by this update before the reboot: resumed
                    else
                        Post(StepClear, _staging.ToDiscard(name)); // a file of the slot's previous package
                    break;
                case StepMark:
                    _record.FilesStarted = _file + 1;
                    Post(StepMark, _staging.ToSave(_record));
                    break;
                case StepMeasure:
                    Post(StepMeasure, _staging.ToMeasure(name, _files.Size(_file)));
                    break;
                case StepRehash:
                    Post(StepRehash, _staging.ToRehash());
                    break;
                case StepFetch:
                    Fetch(nowMs, name);
                    break;
                case StepFinish:
                    Post(StepFinish, _staging.ToFinish());
                    break;
                case StepVerify:
                    Post(StepVerify, _check.For(_record.Slot, RunningVersion, _slots.HighestVersion, _events.WallClockS(nowMs)));
                    break;
            }
        }

        /// <summary>The answer to the request outstanding, if it came; else the request, again once its time is up.</summary>
        private void Fetch(long nowMs, string name)
        {
            var size = _files.Size(_file);
            if (_stagedBytes == size)
            {
                _step = StepFinish;
                return;
            }
            var data = _channel.Data;
            int slot;
            while ((slot = data.Peek()) >= 0)
            {
                var payload = data.Payload(slot);
                if (data.Oversized(slot) || !_frame.Read(payload, data.Length(slot)) || !_asked || !_frame.Names(payload, _files.Name(_file)) ||
                    _frame.Offset != _askedOffset)
                {
                    data.Release(); // not the answer to the request outstanding (a late one, a duplicate): dropped
                    continue;
                }
                if (_frame.TotalBytes == 0 || _frame.TotalBytes != size || _frame.DataCount == 0 || _stagedBytes + _frame.DataCount > size)
                {
                    data.Release();
                    Reject(nowMs, _frame.TotalBytes == 0 ? UpdateReasons.NotFound : UpdateReasons.FileSize, null);
                    return;
                }
                Post(StepAppend, _staging.ToAppend(name, payload, _frame.DataStart, _frame.DataCount)); // the slot stays until written
                return;
            }
            if (_asked && nowMs - _askedAtMs < _chunkTimeoutMs)
                return;
            Ask(nowMs, size);
        }

        private void Ask(long nowMs, int size)
        {
            var requests = _channel.Requests;
            var slot = requests.FreeSlot();
            if (slot < 0)
                return; // the last request is not out yet (link down): it still asks for the same chunk
            var length = size - _stagedBytes < ChunkFrame.MaxDataBytes ? size - _stagedBytes : ChunkFrame.MaxDataBytes;
            _request.Into(requests.Payload(slot)).BeginObject()
                .Integer("v", 1)
                .String("pile", _pileId)
                .String("package", _record.Package)
                .String("file", _files.Name(_file))
                .Integer("offset", _stagedBytes)
                .Integer("length", length)
                .EndObject();
            requests.Post(_request.Length, nowMs);
            _asked = true;
            _askedOffset = _stagedBytes;
            _askedAtMs = nowMs;
        }

        private void FileFinished(long nowMs)
        {
            if (!_files.Matches(_file, _staging.Digest))
            {
                Reject(nowMs, UpdateReasons.FileHash, _files.Name(_file) + " does not have the manifest's SHA-256");
                return;
            }
            _doneBytes += _files.Size(_file);
            _stagedBytes = 0;
            _file++;
            _record.FilesDone = _file;
            if (_file == UpdateFiles.Unsigned)
            {
                _step = StepVerify;
                return;
            }
            if (_file < _files.Count)
            {
                _step = StepClear;
                return;
            }
            _record.State = UpdateStates.Verified;
            Event(nowMs, UpdateStates.Verified, null);
            Post(StepSaveState, _staging.ToSave(_record));
        }

        /// <summary>The manifest's check is back: its files follow, or the update ends here.</summary>
        private void Trusted(long nowMs)
        {
            if (_check.Reason != null)
            {
                Reject(nowMs, _check.Reason, _check.Detail);
                return;
            }
            _record.Version = _check.Manifest.Version;
            _files.Trust(_record.Slot);
            _file = _record.FilesDone > UpdateFiles.Unsigned ? _record.FilesDone : UpdateFiles.Unsigned;
            _doneBytes = 0;
            for (var i = 0; i < _file; i++)
                _doneBytes += _files.Size(i);
            _reportedTenth = -1;
            Progress(nowMs);
            _step = StepClear;
        }

        private void StorageFailed(long nowMs)
        {
            if (_record.State == UpdateStates.Downloading || _record.State == UpdateStates.Verified)
                Reject(nowMs, UpdateReasons.StorageFailed, "the flash refused a write");
            else
                _step = 0; // a slot record or update record write of the switch or the trial: tried again on the next pass
        }

        private void Reject(long nowMs, string reason, string detail)
        {
            if (_step == StepAppend)
                _channel.Data.Release();
            _record.State = UpdateStates.Idle;
            Outcome = UpdateStates.Rejected;
            OutcomeReason = reason;
            OutcomeDetail = detail;
            _asked = false;
            Event(nowMs, UpdateStates.Rejected, reason);
            Post(StepSaveState, _staging.ToSave(_record));
        }

        /// <summary>A downloading event at every tenth of the package, or after <see cref="ProgressEveryMs"/>.</summary>
        private void Progress(long nowMs)
        {
            var total = _files.TotalBytes;
            var tenth = total == 0 ? 10 : (int)(StagedBytes * 10L / total);
            if (tenth == _reportedTenth && nowMs - _reportedAtMs < ProgressEveryMs)
                return;
            _reportedTenth = tenth;
            _reportedAtMs = nowMs;
            Event(nowMs, UpdateStates.Downloading, _files.Name(_file < _files.Count ? _file : _files.Count - 1));
        }

        private void Event(long nowMs, int state, string detail) =>
            _events.Update(nowMs, state, detail, _record.Version, _record.FromVersion, StagedBytes, _files.TotalBytes, _record.Package);

        /// <summary>Hands <paramref name="job"/> to the storage thread; <see cref="Tick"/> collects it (and posts it again while the queue is full).</summary>
        private void Post(int step, IFlashWrite job)
        {
            _step = step;
            _job = job;
            _ticket.TryPost(job);
        }
    }
}

using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Telemetry;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The pile's side of a firmware update (docs/mqtt-api.md, Updates), on the control thread, never waiting: it pulls the package
    /// named by an `update` command chunk by chunk over the link (<see cref="UpdateChannel"/>: one request outstanding,
    /// asked again after the chunk timeout) and hands each answer to the storage thread, which appends it to the staged
    /// file in the inactive slot, flushes it and hashes it (<see cref="StagingWrite"/>); the next chunk is asked for only
    /// once that is durable. First manifest.json and manifest.sig, then, once <see cref="IManifestCheck"/> has trusted the
    /// manifest, the files it names, each checked against its size and digest. A reboot, a power cut or a lost link
    /// resumes where the staged file ends: the record (<see cref="UpdateRecord"/>) says which files are done, the
    /// staged file's length where the next chunk starts, and its hash is computed again from its start. Every step is an
    /// `update` event. Nothing is allocated after construction.
    /// </summary>
    public sealed class UpdateAgent
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
        private readonly UpdateChannel _channel;
        private readonly EventRing _events;
        private readonly IManifestCheck _check;
        private readonly string _pileId;
        private readonly int _chunkTimeoutMs;
        private readonly UpdateRecord _record = new UpdateRecord();
        private readonly UpdateFiles _files = new UpdateFiles();
        private readonly ChunkFrame _frame = new ChunkFrame();
        private readonly JsonWriter _request = new JsonWriter(UpdateChannel.RequestBytes);
        private readonly VerifyJob _verify;

        private int _step;
        /// <summary>The storage thread's job under way (or waiting for a free place in the queue), null when none.</summary>
        private Handoff.IFlashWrite _job;
        private long _unixS;
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
        /// <param name="stagingSlot">the inactive slot, where a new package is staged</param>
        /// <param name="runningVersion">the version running now (<see cref="UpdateVersion"/>)</param>
        public UpdateAgent(FlashWrites writes, StagingWrite staging, UpdateChannel channel, EventRing events, IManifestCheck check,
            string pileId, int chunkTimeoutMs, UpdateRecord record, int stagingSlot, int runningVersion)
        {
            _ticket = new FlashTicket(writes);
            _staging = staging;
            _channel = channel;
            _events = events;
            _check = check;
            _pileId = pileId;
            _chunkTimeoutMs = chunkTimeoutMs;
            _verify = new VerifyJob(this);
            StagingSlot = stagingSlot;
            RunningVersion = runningVersion;
            _record.CopyFrom(record);
            Outcome = UpdateStates.Idle;
            if (_record.State == UpdateStates.Downloading)
                Resume();
        }

        public int StagingSlot { get; }
        public int RunningVersion { get; }
        /// <summary>The update's step (<see cref="UpdateStates"/>): idle, downloading, verified, ...</summary>
        public int State => _record.State;
        /// <summary>How the last update ended (confirmed, rejected, rolled-back), or idle when none has this boot.</summary>
        public int Outcome { get; private set; }
        /// <summary>The last rejection's or rollback's reason, or null.</summary>
        public string OutcomeReason { get; private set; }
        public string Package => _record.Package;
        /// <summary>The package's version once its manifest is verified (0 before).</summary>
        public int Version => _record.Version;
        /// <summary>Bytes staged of the package so far, and of the whole (manifest and signature only, until the manifest is verified).</summary>
        public int StagedBytes => _doneBytes + _stagedBytes;
        public int TotalBytes => _files.TotalBytes;
        /// <summary>What the status says: the step under way, else how the last one ended.</summary>
        public int Shown => _record.State != UpdateStates.Idle ? _record.State : Outcome;

        /// <summary>The staged file's name on flash: the slot's folder and the package's file name.</summary>
        public static string StagedName(int slot, string file) => "slot" + slot.ToString() + "/" + file;

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
            _record.Version = 0;
            _record.FromVersion = RunningVersion;
            Outcome = UpdateStates.Idle;
            OutcomeReason = null;
            Event(nowMs, UpdateStates.Offered, null);
            Post(StepSaveState, _staging.ToSave(_record)); // before the command's answer: the flash writes run in order
            _files.Begin(manifestBytes);
            _file = 0;
            _doneBytes = 0;
            _stagedBytes = 0;
            _reportedTenth = -1;
            _reportedAtMs = nowMs;
            return null;
        }

        /// <summary>After a reboot: on from the first file not done (the manifest is checked again first, its files come from it).</summary>
        private void Resume()
        {
            _files.Begin(_record.ManifestBytes);
            _file = _record.FilesDone < UpdateFiles.Unsigned ? _record.FilesDone : UpdateFiles.Unsigned;
            _doneBytes = 0;
            for (var i = 0; i < _file; i++)
                _doneBytes += _files.Size(i);
            _step = _file == UpdateFiles.Unsigned ? StepVerify : StepClear;
        }

        /// <summary>One pass of the control thread: the storage thread's last job collected, the next step taken.</summary>
        public void Tick(long nowMs)
        {
            if (_job != null)
            {
                if (!_ticket.Pending && !_ticket.TryPost(_job))
                    return; // the storage thread's queue was full: posted again now
                if (!_ticket.Done)
                    return;
                _job = null;
                if (!_ticket.Collect())
                {
                    Reject(nowMs, UpdateReasons.StorageFailed);
                    return;
                }
                Done(nowMs);
            }
            if (_record.State == UpdateStates.Downloading && _job == null)
                Download(nowMs);
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
                    Verified(nowMs);
                    return;
            }
        }

        private void Download(long nowMs)
        {
            var name = StagedName(_record.Slot, _files.Name(_file));
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
                    Post(StepFinish, _staging.ToFinish(_files.Hashed(_file) ? _files.Digests : null, _file * UpdateFiles.DigestBytes));
                    break;
                case StepVerify:
                    _unixS = _events.WallClockS(nowMs);
                    Post(StepVerify, _verify);
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
                if (_frame.TotalBytes == 0)
                {
                    data.Release();
                    Reject(nowMs, UpdateReasons.NotFound);
                    return;
                }
                if (_frame.TotalBytes != size || _frame.DataCount == 0 || _stagedBytes + _frame.DataCount > size)
                {
                    data.Release();
                    Reject(nowMs, UpdateReasons.FileSize);
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
            if (!_staging.DigestMatched)
            {
                Reject(nowMs, UpdateReasons.FileHash);
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

        private void Verified(long nowMs)
        {
            if (_verify.Reason != null)
            {
                Reject(nowMs, _verify.Reason);
                return;
            }
            _record.Version = _verify.Version;
            _file = _record.FilesDone > UpdateFiles.Unsigned ? _record.FilesDone : UpdateFiles.Unsigned;
            _doneBytes = 0;
            for (var i = 0; i < _file; i++)
                _doneBytes += _files.Size(i);
            _reportedTenth = -1;
            Progress(nowMs);
            _step = StepClear;
        }

        private void Reject(long nowMs, string reason)
        {
            if (_step == StepAppend)
                _channel.Data.Release();
            _record.State = UpdateStates.Idle;
            Outcome = UpdateStates.Rejected;
            OutcomeReason = reason;
            Event(nowMs, UpdateStates.Rejected, reason);
            _asked = false;
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
            _events.Update(nowMs, state, detail, _record.Version, _record.FromVersion, StagedBytes, _files.TotalBytes);

        /// <summary>Hands <paramref name="job"/> to the storage thread; <see cref="Tick"/> collects it (and posts it again while the queue is full).</summary>
        private void Post(int step, Handoff.IFlashWrite job)
        {
            _step = step;
            _job = job;
            _ticket.TryPost(job);
        }

        /// <summary>The manifest's check on the storage thread: the staged manifest.json and manifest.sig, the pile's clock.</summary>
        private sealed class VerifyJob : Handoff.IFlashWrite
        {
            private readonly UpdateAgent _agent;

            public VerifyJob(UpdateAgent agent)
            {
                _agent = agent;
            }

            public string Reason { get; private set; }
            public int Version { get; private set; }

            public bool Write()
            {
                var agent = _agent;
                agent._files.Begin(agent._record.ManifestBytes);
                int version;
                Reason = agent._check.Check(StagedName(agent._record.Slot, UpdateFiles.ManifestName),
                    StagedName(agent._record.Slot, UpdateFiles.SignatureName), agent._unixS, agent._files, out version);
                Version = version;
                return true;
            }
        }
    }
}

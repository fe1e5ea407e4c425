using System.Reflection;

namespace ChargeController.Loader
{
    /// <summary>
    /// The loader's power-up, apart from the board: read the key and the slot record, choose the slot
    /// (<see cref="SlotChooser"/>), save the record before anything of the slot runs (a crash while loading counts as a
    /// boot on trial), then load the slot's files with Assembly.Load(byte[]) in the manifest's order (dependencies
    /// first, the entry assembly last) and find the entry method by reflection in the last one. Without a key file, or
    /// with no record yet (a pile as flashed), the factory package runs; its files are trusted as flashed (no signature:
    /// they came with the deployment image, and they must boot when nothing else can).
    /// </summary>
    public sealed class SlotBoot
    {
        private readonly ILoaderFiles _files;
        private readonly SlotStateStore _store;
        private readonly SlotVerifier _verifier;
        private readonly SlotChooser _chooser;
        private readonly UpdateKey _key = new UpdateKey();
        private readonly byte[] _keyFile = new byte[UpdateKey.MaxFileBytes];
        private readonly byte[] _manifest = new byte[UpdateManifest.MaxBytes];

        public SlotBoot(ILoaderFiles files, int maxTrialBoots)
        {
            _files = files;
            _store = new SlotStateStore(files);
            _verifier = new SlotVerifier(files);
            _chooser = new SlotChooser(_verifier, maxTrialBoots);
        }

        /// <summary>The record as saved by <see cref="Choose"/>.</summary>
        public SlotState State { get; } = new SlotState();

        /// <summary>Why the active slot was not booted (null when it was), and the detail for a person.</summary>
        public string Reason { get; private set; }
        public string Detail { get; private set; }

        /// <returns>the slot to boot: 0, 1 or <see cref="SlotLayout.Factory"/>; the record is saved when the choice changed it</returns>
        public int Choose()
        {
            Reason = null;
            Detail = null;
            var known = _store.Load(State);
            if (!ReadKey())
            {
                Reason = UpdateReasons.UnknownKey;
                Detail = "no valid " + UpdateKey.FileName + ": the factory package runs";
                return SlotLayout.Factory;
            }
            var before = State.ActiveSlot;
            var slot = _chooser.Choose(State, _key);
            Reason = _chooser.Reason;
            Detail = _chooser.Detail;
            if (known && (State.Trial || slot != before))
                _store.Save(State);
            return slot;
        }

        /// <summary>Loads the slot's assemblies from bytes and finds <paramref name="entryType"/>.<paramref name="entryMethod"/>
        /// (public, static, no arguments) in the last of them.</summary>
        /// <returns>the entry method, or null with <see cref="Detail"/> saying why</returns>
        public MethodInfo Load(int slot, string entryType, string entryMethod)
        {
            var manifest = ReadManifest(slot);
            if (manifest == null)
                return null;
            Assembly last = null;
            for (var i = 0; i < manifest.FileCount; i++)
            {
                var name = SlotLayout.FileName(slot, manifest.FileName(i));
                var bytes = new byte[manifest.FileSize(i)];
                if (_files.Read(name, 0, bytes, 0, bytes.Length) != bytes.Length)
                    return Failed(name + " cannot be read");
                last = Assembly.Load(bytes);
                if (last == null)
                    return Failed(name + " does not load");
            }
            var type = last.GetType(entryType);
            var method = type == null ? null : type.GetMethod(entryMethod);
            return method ?? Failed("no " + entryType + "." + entryMethod + " in " + manifest.FileName(manifest.FileCount - 1));
        }

        /// <summary>
        /// The chosen slot checked out but did not load (or crashed while loading): it counts as a crash loop, and the next
        /// power-up takes the previous slot.
        /// </summary>
        public void LoadFailed()
        {
            if (State.ActiveSlot == SlotLayout.Factory)
                return;
            State.Trial = true;
            State.TrialFailure = UpdateReasons.CrashLoop;
            _store.Save(State);
        }

        /// <summary>The verifier holds the manifest of the slot it checked last (the chosen one); the factory's is read here.</summary>
        private UpdateManifest ReadManifest(int slot)
        {
            if (slot != SlotLayout.Factory)
                return _verifier.Manifest;
            var name = SlotLayout.FileName(slot, UpdateManifest.ManifestName);
            var length = _files.Length(name);
            if (length < 0 || length > UpdateManifest.MaxBytes || _files.Read(name, 0, _manifest, 0, length) != length)
            {
                Detail = name + " is missing or longer than 2048 bytes";
                return null;
            }
            if (!_verifier.Manifest.Read(_manifest, length))
            {
                Detail = name + ": " + _verifier.Manifest.Detail;
                return null;
            }
            return _verifier.Manifest;
        }

        private bool ReadKey()
        {
            var length = _files.Length(UpdateKey.FileName);
            return length > 0 && length <= UpdateKey.MaxFileBytes && _files.Read(UpdateKey.FileName, 0, _keyFile, 0, length) == length &&
                _key.Read(_keyFile, 0, length);
        }

        private MethodInfo Failed(string detail)
        {
            Detail = detail;
            return null;
        }
    }
}

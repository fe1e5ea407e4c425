using ChargeController.Firmware.Storage;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// The loader of the simulated pile: before each boot it does what the device's loader does at power-up
    /// (<see cref="SlotChooser"/> on the slot record and the pile's update key, the record saved before the firmware
    /// runs), and the same firmware then runs as the chosen slot's version. A package may be marked to crash: a file named
    /// <see cref="CrashMarker"/> in its manifest makes the simulated board reset <see cref="CrashAfterMs"/> after each boot
    /// of that slot, as a firmware that dies at start-up would, so the loader's rollback can be shown.
    /// </summary>
    public sealed class SimLoader
    {
        public const string CrashMarker = "crash-loop";
        public const int CrashAfterMs = 1500;
        public const int MaxTrialBoots = 3;

        private readonly ILoaderFiles _files;
        private readonly SlotStateStore _store;
        private readonly SlotVerifier _verifier;
        private readonly SlotChooser _chooser;
        private readonly SlotState _state = new SlotState();
        private readonly UpdateKey _key = new UpdateKey();
        private readonly byte[] _keyBytes = new byte[UpdateKey.MaxFileBytes];

        public SimLoader(IFileStore store)
        {
            _files = new LoaderFiles(store);
            _store = new SlotStateStore(_files);
            _verifier = new SlotVerifier(_files);
            _chooser = new SlotChooser(_verifier, MaxTrialBoots);
        }

        /// <summary>The slot the last boot ran (<see cref="SlotLayout.Factory"/> without a slot record or key).</summary>
        public int Slot { get; private set; } = SlotLayout.Factory;
        /// <summary>Why the last boot left the active slot, or null.</summary>
        public string Reason => _chooser.Reason;

        /// <summary>Chooses the slot for the boot about to run and saves the record.</summary>
        /// <returns>whether the chosen firmware is marked to crash</returns>
        public bool Boot()
        {
            Slot = SlotLayout.Factory;
            if (!_store.Load(_state) || !ReadKey())
                return false;
            Slot = _chooser.Choose(_state, _key);
            _store.Save(_state);
            return Slot != SlotLayout.Factory && _verifier.CheckManifest(Slot, _key) == null && _verifier.Manifest.IndexOf(CrashMarker) >= 0;
        }

        private bool ReadKey()
        {
            var length = _files.Length(UpdateKey.FileName);
            return length > 0 && length <= _keyBytes.Length && _files.Read(UpdateKey.FileName, 0, _keyBytes, 0, length) == length &&
                _key.Read(_keyBytes, 0, length);
        }
    }
}

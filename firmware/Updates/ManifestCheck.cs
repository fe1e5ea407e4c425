using ChargeController.Firmware.Handoff;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// Judges the staged manifest before any other file is fetched, on the storage thread (it reads flash and verifies an
    /// RSA signature, which takes long): the signature with the pile's update key (update-key.bin), then the manifest's
    /// rules against this pile (board, loader version, version against the running and the highest confirmed one, expiry
    /// when the clock is set). The loader's own <see cref="SlotVerifier"/> and <see cref="UpdateManifest"/>: the pile
    /// trusts a download by the very code the loader trusts a slot by.
    /// </summary>
    public sealed class ManifestCheck : IFlashWrite
    {
        private readonly ILoaderFiles _files;
        private readonly SlotVerifier _verifier;
        private readonly UpdateKey _key = new UpdateKey();
        private readonly byte[] _keyBytes = new byte[UpdateKey.MaxFileBytes];
        private readonly string _board;
        private readonly int _loaderVersion;
        private int _slot;
        private int _runningVersion;
        private int _highestVersion;
        private long _unixS;
        private bool _rotating;

        /// <param name="board">this pile's board, as manifests name it</param>
        /// <param name="loaderVersion">the version of the loader in this pile's deployment image</param>
        public ManifestCheck(ILoaderFiles files, string board, int loaderVersion)
        {
            _files = files;
            _verifier = new SlotVerifier(files);
            _board = board;
            _loaderVersion = loaderVersion;
        }

        /// <summary>The manifest last checked (its files, sizes and digests once <see cref="Reason"/> is null).</summary>
        public UpdateManifest Manifest => _verifier.Manifest;
        /// <summary>null when the last check passed, else the reason (<see cref="UpdateReasons"/>).</summary>
        public string Reason { get; private set; }
        /// <summary>What failed, for a person (the console), or null.</summary>
        public string Detail { get; private set; }

        /// <param name="unixS">the pile's UTC clock, or 0 when it is not set (the expiry is not checked then)</param>
        public ManifestCheck For(int slot, int runningVersion, int highestVersion, long unixS)
        {
            _slot = slot;
            _runningVersion = runningVersion;
            _highestVersion = highestVersion;
            _unixS = unixS;
            _rotating = false;
            return this;
        }

        /// <summary>
        /// The key rotation of a confirmed slot instead of a check: when its manifest (signed as the loader trusts it) names
        /// a nextKey the pile does not hold yet, update-key.bin becomes the next key's record followed by the current one's
        /// (<see cref="UpdateKey"/>), in one atomic replace: a power cut at any byte leaves the old file or the new one.
        /// </summary>
        public ManifestCheck ForKeyRotation(int slot)
        {
            _slot = slot;
            _rotating = true;
            return this;
        }

        /// <returns>false when the flash refused the rotated key (the confirmation is tried again)</returns>
        public bool Write()
        {
            if (_rotating)
                return RotateKey();
            Reason = Check();
            return true;
        }

        private bool RotateKey()
        {
            if (!ReadKey() || _verifier.CheckManifest(_slot, _key, true) != null || !Manifest.HasNextKey || Manifest.NextKey.Same(_key))
                return true; // nothing to rotate, or rotated already (before a power cut, say)
            var current = _key.RecordBytes;
            var next = Manifest.NextKey.RecordBytes;
            System.Array.Copy(_keyBytes, 0, _keyBytes, next, current); // the current key's record moves behind the next one's
            Manifest.NextKey.WriteRecord(_keyBytes, 0);
            return _files.Write(UpdateKey.FileName, _keyBytes, 0, next + current);
        }

        private bool ReadKey()
        {
            var length = _files.Length(UpdateKey.FileName);
            return length >= 0 && length <= _keyBytes.Length && _files.Read(UpdateKey.FileName, 0, _keyBytes, 0, length) == length &&
                _key.Read(_keyBytes, 0, length);
        }

        private string Check()
        {
            if (!ReadKey())
            {
                Detail = "this pile has no valid " + UpdateKey.FileName;
                return UpdateReasons.UnknownKey;
            }
            var reason = _verifier.CheckManifest(_slot, _key);
            if (reason != null)
            {
                Detail = _verifier.Detail;
                return reason;
            }
            reason = Manifest.Check(_board, _loaderVersion, _runningVersion, _highestVersion, _unixS == 0 ? -1 : _unixS);
            Detail = Manifest.Detail;
            return reason;
        }
    }
}

namespace ChargeController.Loader
{
    /// <summary>
    /// Checks a slot as the loader does before it boots it, and as the firmware does before it switches to a download:
    /// manifest.sig is the operator's signature of manifest.json's exact bytes, manifest.json reads, and every file it
    /// names has its size and SHA-256 (so files cannot be swapped between packages, nor one left over from another).
    /// Files are hashed in pieces of <see cref="ChunkBytes"/>; everything is allocated by the constructor (reading the
    /// manifest makes its strings).
    /// </summary>
    public sealed class SlotVerifier
    {
        public const int ChunkBytes = 1024;

        private readonly ILoaderFiles _files;
        private readonly byte[] _manifestBytes = new byte[UpdateManifest.MaxBytes];
        private readonly byte[] _signature = new byte[RsaSignature.ModulusBytes];
        private readonly byte[] _digest = new byte[Sha256.DigestBytes];
        private readonly byte[] _chunk = new byte[ChunkBytes];
        private readonly Sha256 _sha = new Sha256();
        private readonly RsaSignature _rsa = new RsaSignature();

        public SlotVerifier(ILoaderFiles files)
        {
            _files = files;
        }

        /// <summary>The manifest of the slot last checked (valid when its manifest checked out).</summary>
        public UpdateManifest Manifest { get; } = new UpdateManifest();

        /// <summary>What failed in the last check, for a person; null when it passed.</summary>
        public string Detail { get; private set; }

        /// <summary>
        /// The loader's check of an installed slot. Its manifest is signed by <paramref name="key"/>, or it is the package
        /// that rotated the pile to that key: signed by the key it replaced, naming it as nextKey (<see cref="UpdateKey"/>).
        /// </summary>
        /// <returns>null when the slot's manifest is signed so and every file checks out; else the reason</returns>
        public string Check(int slot, UpdateKey key)
        {
            var reason = CheckManifest(slot, key, true);
            for (var i = 0; reason == null && i < Manifest.FileCount; i++)
                reason = CheckFile(slot, i);
            return reason;
        }

        /// <returns>null when the slot's manifest.json and manifest.sig are there and signed by <paramref name="key"/>; else the reason</returns>
        public string CheckManifest(int slot, UpdateKey key) => CheckManifest(slot, key, false);

        /// <param name="installed">a slot that runs or ran: the package that rotated the pile to its key is accepted too</param>
        public string CheckManifest(int slot, UpdateKey key, bool installed)
        {
            var manifestName = SlotLayout.FileName(slot, UpdateManifest.ManifestName);
            var signatureName = SlotLayout.FileName(slot, UpdateManifest.SignatureName);
            var length = _files.Length(manifestName);
            if (length < 0 || _files.Length(signatureName) < 0)
                return Fail(UpdateReasons.NotFound, SlotLayout.Name(slot) + " has no manifest");
            if (length > UpdateManifest.MaxBytes)
                return Fail(UpdateReasons.BadManifest, "manifest.json is longer than 2048 bytes");
            if (_files.Length(signatureName) != RsaSignature.ModulusBytes ||
                _files.Read(signatureName, 0, _signature, 0, RsaSignature.ModulusBytes) != RsaSignature.ModulusBytes)
                return Fail(UpdateReasons.BadSignature, "manifest.sig is not 256 bytes");
            if (_files.Read(manifestName, 0, _manifestBytes, 0, length) != length)
                return Fail(UpdateReasons.StorageFailed, "manifest.json cannot be read");
            return CheckManifest(_manifestBytes, length, _signature, key, installed);
        }

        /// <summary>The same check on a manifest in memory (a download before it is stored), into <see cref="Manifest"/>.</summary>
        public string CheckManifest(byte[] manifest, int length, byte[] signature256, UpdateKey key) =>
            CheckManifest(manifest, length, signature256, key, false);

        private string CheckManifest(byte[] manifest, int length, byte[] signature256, UpdateKey key, bool installed)
        {
            Detail = null;
            _sha.Update(manifest, 0, length);
            _sha.Final(_digest);
            var read = Manifest.Read(manifest, length);
            var modulus = key.Modulus;
            if (read && Manifest.KeyId != key.KeyId)
            {
                if (!installed || !Rotated(key))
                    return Fail(UpdateReasons.UnknownKey, "signed with key " + Manifest.KeyId + ", this pile has key " + key.KeyId);
                modulus = key.PreviousModulus;
            }
            var signed = _rsa.VerifyPkcs1Sha256(modulus, signature256, _digest);
            if (!signed)
                return Fail(UpdateReasons.BadSignature, "manifest.sig is not key " + key.KeyId + "'s signature of manifest.json");
            if (!read)
                return Fail(UpdateReasons.BadManifest, Manifest.Detail);
            return null;
        }

        /// <returns>null when file <paramref name="index"/> of <see cref="Manifest"/> is in the slot with its size and hash; else the reason</returns>
        public string CheckFile(int slot, int index)
        {
            var name = SlotLayout.FileName(slot, Manifest.FileName(index));
            var size = Manifest.FileSize(index);
            var length = _files.Length(name);
            if (length < 0)
                return Fail(UpdateReasons.NotFound, name + " is missing");
            if (length != size)
                return Fail(UpdateReasons.FileSize, name + " has " + length.ToString() + " bytes, the manifest says " + size.ToString());
            for (var position = 0; position < size; position += ChunkBytes)
            {
                var count = size - position < ChunkBytes ? size - position : ChunkBytes;
                if (_files.Read(name, position, _chunk, 0, count) != count)
                {
                    _sha.Reset();
                    return Fail(UpdateReasons.StorageFailed, name + " cannot be read");
                }
                _sha.Update(_chunk, 0, count);
            }
            _sha.Final(_digest);
            if (!Manifest.HashMatches(index, _digest))
                return Fail(UpdateReasons.FileHash, name + " does not have the SHA-256 of the manifest");
            return null;
        }

        /// <summary>Whether <see cref="Manifest"/> is the package that rotated the pile to <paramref name="key"/>: signed by
        /// the key it replaced (to be verified with that one) and naming it as its next.</summary>
        private bool Rotated(UpdateKey key) =>
            key.PreviousKeyId != null && Manifest.KeyId == key.PreviousKeyId && Manifest.HasNextKey && Manifest.NextKey.Same(key);

        private string Fail(string reason, string detail)
        {
            Detail = detail;
            return reason;
        }
    }
}

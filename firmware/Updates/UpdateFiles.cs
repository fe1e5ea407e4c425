using ChargeController.Firmware.Text;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The files of the update under way, in the order fetched: manifest.json (its size from the command), manifest.sig
    /// (256 bytes), then, once the manifest is trusted, those it names (<see cref="UpdateManifest"/>: sizes and digests).
    /// Their names, and their names on the flash in the staging slot, are made once when the manifest is trusted, so the transfer makes no
    /// strings.
    /// </summary>
    public sealed class UpdateFiles
    {
        /// <summary>The files fetched before the manifest is verified (the signed part begins after them).</summary>
        public const int Unsigned = 2;
        public const int Capacity = Unsigned + UpdateManifest.MaxFiles;

        private readonly UpdateManifest _manifest;
        private readonly string[] _names = Strings.Filled(new string[Capacity]);
        private readonly string[] _staged = Strings.Filled(new string[Capacity]);
        private int _manifestBytes;
        private bool _trusted;

        /// <param name="manifest">the manifest the check reads (<see cref="SlotVerifier.Manifest"/>)</param>
        public UpdateFiles(UpdateManifest manifest)
        {
            _manifest = manifest;
        }

        public int Count => _trusted ? Unsigned + _manifest.FileCount : Unsigned;

        /// <summary>manifest.json and manifest.sig only, staged in <paramref name="slot"/>: what the pile fetches before it can trust anything else.</summary>
        public void Begin(int slot, int manifestBytes)
        {
            _manifestBytes = manifestBytes;
            _trusted = false;
            _names[0] = UpdateManifest.ManifestName;
            _names[1] = UpdateManifest.SignatureName;
            _staged[0] = SlotLayout.FileName(slot, UpdateManifest.ManifestName);
            _staged[1] = SlotLayout.FileName(slot, UpdateManifest.SignatureName);
        }

        /// <summary>The manifest checked out: its files follow (their staged names made now).</summary>
        public void Trust(int slot)
        {
            _trusted = true;
            for (var i = 0; i < _manifest.FileCount; i++)
            {
                _names[Unsigned + i] = _manifest.FileName(i);
                _staged[Unsigned + i] = SlotLayout.FileName(slot, _names[Unsigned + i]);
            }
        }

        public string Staged(int i) => _staged[i];

        /// <summary>The name the platform serves it under.</summary>
        public string Name(int i) => _names[i];

        public int Size(int i) => i == 0 ? _manifestBytes : i == 1 ? RsaSignature.ModulusBytes : _manifest.FileSize(i - Unsigned);

        /// <summary>Whether <paramref name="digest32"/> is the manifest's for file i (manifest.json and manifest.sig are judged by the signature instead).</summary>
        public bool Matches(int i, byte[] digest32) => i < Unsigned || _manifest.HashMatches(i - Unsigned, digest32);

        /// <summary>Bytes of all files together.</summary>
        public int TotalBytes => _manifestBytes + RsaSignature.ModulusBytes + (_trusted ? _manifest.TotalBytes : 0);
    }
}

using ChargeController.Firmware.Text;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The files of the update under way, in the order fetched: manifest.json (its size from the command), manifest.sig
    /// (256 bytes), then those the verified manifest names with their sizes and SHA-256 digests. One array per field,
    /// preallocated for the manifest's limit of <see cref="MaxManifestFiles"/> files.
    /// </summary>
    public sealed class UpdateFiles
    {
        public const int MaxManifestFiles = 8;
        public const int Capacity = MaxManifestFiles + 2;
        public const string ManifestName = "manifest.json";
        public const string SignatureName = "manifest.sig";
        public const int SignatureBytes = 256;
        public const int DigestBytes = 32;

        private readonly string[] _names = Strings.Filled(new string[Capacity]);
        private readonly int[] _sizes = new int[Capacity];
        private readonly bool[] _hashed = new bool[Capacity];

        public int Count { get; private set; }
        /// <summary>File i's digest is at i x 32.</summary>
        public byte[] Digests { get; } = new byte[Capacity * DigestBytes];

        /// <summary>manifest.json and manifest.sig only: what the pile fetches before it can trust anything else.</summary>
        public void Begin(int manifestBytes)
        {
            Count = 0;
            Add(ManifestName, manifestBytes, null, 0);
            Add(SignatureName, SignatureBytes, null, 0);
        }

        /// <summary>A file the verified manifest names (<paramref name="digest"/> 32 bytes at <paramref name="at"/>).</summary>
        /// <returns>false when the table is full</returns>
        public bool Add(string name, int sizeBytes, byte[] digest, int at)
        {
            if (Count == Capacity)
                return false;
            _names[Count] = name;
            _sizes[Count] = sizeBytes;
            _hashed[Count] = digest != null;
            if (digest != null)
                System.Array.Copy(digest, at, Digests, Count * DigestBytes, DigestBytes);
            Count++;
            return true;
        }

        public string Name(int i) => _names[i];
        public int Size(int i) => _sizes[i];
        public bool Hashed(int i) => _hashed[i];

        /// <summary>The files fetched before the manifest is verified (the signed part begins after them).</summary>
        public const int Unsigned = 2;

        /// <summary>Bytes of all files together.</summary>
        public int TotalBytes
        {
            get
            {
                var total = 0;
                for (var i = 0; i < Count; i++)
                    total += _sizes[i];
                return total;
            }
        }
    }
}

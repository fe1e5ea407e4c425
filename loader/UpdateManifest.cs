namespace ChargeController.Loader
{
    /// <summary>
    /// An update package's manifest.json, read strictly: compact JSON of at most <see cref="MaxBytes"/> bytes with
    /// exactly the members below (allowOlder and nextKey optional), nothing else; names of 1 to 48 characters of
    /// [A-Za-z0-9._-]; 1 to <see cref="MaxFiles"/> files of 1 to <see cref="MaxFileBytes"/> bytes, each named once, each
    /// with its SHA-256 as 64 lowercase hex digits. Whatever is wrong, the reason is <see cref="UpdateReasons.BadManifest"/>
    /// and <see cref="Detail"/> says what. <see cref="Check"/> then decides whether this pile may take it.
    /// <code>{"v":1,"package":"cc-1.4.0","version":"1.4.0","board":"esp32-wrover","loaderMin":1,"allowOlder":false,
    ///  "expires":"2027-03-01T00:00:00Z","keyId":"op-2026a","files":[{"name":"...","size":123,"sha256":"..."}],"nextKey":"..."}</code>
    /// </summary>
    public sealed class UpdateManifest
    {
        public const string ManifestName = "manifest.json";
        public const string SignatureName = "manifest.sig";
        public const int MaxBytes = 2048;
        public const int MaxFiles = 8;
        public const int MaxFileBytes = 512 * 1024;

        private static readonly string[] Members = { "v", "package", "version", "board", "loaderMin", "allowOlder", "expires", "keyId", "files", "nextKey" };
        private static readonly string[] FileMembers = { "name", "size", "sha256" };

        private readonly JsonReader _json = new JsonReader();
        // names as bytes, 48 a file: no string array (nanoCLR's unassigned elements) and nothing allocated to read them
        private readonly byte[] _fileNames = new byte[MaxFiles * UpdateNames.MaxLength];
        private readonly int[] _fileNameLengths = new int[MaxFiles];
        private readonly int[] _fileSizes = new int[MaxFiles];
        private readonly byte[] _fileHashes = new byte[MaxFiles * Sha256.DigestBytes];

        /// <summary>What is wrong with the last manifest read or checked, for a person; null when nothing is.</summary>
        public string Detail { get; private set; }

        public string Package { get; private set; }
        /// <summary>As <see cref="UpdateVersion"/> holds it.</summary>
        public int Version { get; private set; }
        public string Board { get; private set; }
        public int LoaderMin { get; private set; }
        public bool AllowOlder { get; private set; }
        public long ExpiresUnixS { get; private set; }
        public string KeyId { get; private set; }
        public int FileCount { get; private set; }
        /// <summary>The key that signs from the next package on, when this manifest rotates keys.</summary>
        public UpdateKey NextKey { get; } = new UpdateKey();
        public bool HasNextKey { get; private set; }

        /// <summary>The file's name; allocates: for messages and file names, not for comparing (<see cref="IndexOf"/>).</summary>
        public string FileName(int index)
        {
            var chars = new char[_fileNameLengths[index]];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = (char)_fileNames[index * UpdateNames.MaxLength + i];
            return new string(chars);
        }
        public int FileSize(int index) => _fileSizes[index];

        /// <summary>The sum of the files' sizes.</summary>
        public int TotalBytes
        {
            get
            {
                var total = 0;
                for (var i = 0; i < FileCount; i++)
                    total += _fileSizes[i];
                return total;
            }
        }

        /// <returns>the index of the file named <paramref name="name"/>, or -1</returns>
        public int IndexOf(string name)
        {
            for (var i = 0; i < FileCount; i++)
                if (NameIs(i, name))
                    return i;
            return -1;
        }

        private bool NameIs(int index, string name)
        {
            if (_fileNameLengths[index] != name.Length)
                return false;
            for (var i = 0; i < name.Length; i++)
                if (_fileNames[index * UpdateNames.MaxLength + i] != name[i])
                    return false;
            return true;
        }

        /// <summary>Compares the file's SHA-256 from the manifest with <paramref name="digest32"/>, every byte.</summary>
        public bool HashMatches(int index, byte[] digest32)
        {
            var differ = 0;
            for (var i = 0; i < Sha256.DigestBytes; i++)
                differ |= _fileHashes[index * Sha256.DigestBytes + i] ^ digest32[i];
            return differ == 0;
        }

        /// <returns>true when <paramref name="length"/> bytes of <paramref name="json"/> are a well-formed manifest;
        /// false with <see cref="Detail"/> saying why (the reason is always <see cref="UpdateReasons.BadManifest"/>)</returns>
        public bool Read(byte[] json, int length)
        {
            Detail = null;
            FileCount = 0;
            HasNextKey = false;
            if (length > MaxBytes)
                return Bad("manifest.json is longer than 2048 bytes");
            if (!_json.Parse(json, length))
                return Bad("manifest.json is not valid JSON: " + _json.Error);
            for (var name = _json.FirstName(JsonReader.Root); name >= 0; name = _json.NextName(name))
                if (!_json.NameIn(name, Members))
                    return Bad("unknown member " + _json.String(name));
            int v;
            if (!_json.TryInt(Member("v"), out v) || v != 1)
                return Bad("v is not 1");
            Package = Name("package");
            if (Package == null)
                return false;
            Board = Name("board");
            if (Board == null)
                return false;
            KeyId = Name("keyId");
            if (KeyId == null)
                return false;
            var version = Member("version");
            Version = IsString(version) ? UpdateVersion.Parse(json, _json.RawStart(version), _json.RawLength(version)) : UpdateVersion.None;
            if (Version == UpdateVersion.None)
                return Bad("version is not major.minor.patch (each 0 to 999)");
            int loaderMin;
            if (!_json.TryInt(Member("loaderMin"), out loaderMin) || loaderMin < 1)
                return Bad("loaderMin is not a whole number from 1");
            LoaderMin = loaderMin;
            var allowOlder = _json.Member(JsonReader.Root, "allowOlder");
            if (allowOlder >= 0 && _json.Kind(allowOlder) != JsonKind.True && _json.Kind(allowOlder) != JsonKind.False)
                return Bad("allowOlder is not true or false");
            AllowOlder = _json.IsTrue(allowOlder);
            var expires = Member("expires");
            ExpiresUnixS = IsString(expires) ? IsoTime.Parse(json, _json.RawStart(expires), _json.RawLength(expires)) : -1;
            if (ExpiresUnixS < 0)
                return Bad("expires is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
            return ReadFiles(json) && ReadNextKey();
        }

        /// <summary>
        /// May this pile take the package? Its board, its loader's version, the version it runs and the highest it ever
        /// confirmed (TUF's rule: a version never goes back unless the signed manifest says allowOlder), and the time:
        /// <paramref name="nowUnixS"/> below 0 means the pile has no clock, and the expiry is not checked.
        /// </summary>
        /// <returns>null when it may, else the reason (wrong-board, loader-too-old, older-version, expired), with <see cref="Detail"/></returns>
        public string Check(string board, int loaderVersion, int runningVersion, int highestVersion, long nowUnixS)
        {
            Detail = null;
            if (Board != board)
                return Refuse(UpdateReasons.WrongBoard, "the package is for board " + Board + ", this pile is " + board);
            if (LoaderMin > loaderVersion)
                return Refuse(UpdateReasons.LoaderTooOld, "the package needs loader " + LoaderMin.ToString() + ", this pile has " + loaderVersion.ToString());
            if (!AllowOlder && (Version < runningVersion || Version < highestVersion))
                return Refuse(UpdateReasons.OlderVersion, "version " + UpdateVersion.Format(Version) + " is older than " +
                    UpdateVersion.Format(runningVersion > highestVersion ? runningVersion : highestVersion) + " and the manifest does not allow older");
            if (nowUnixS >= 0 && nowUnixS >= ExpiresUnixS)
                return Refuse(UpdateReasons.Expired, "the manifest expired");
            return null;
        }

        private bool ReadFiles(byte[] json)
        {
            var files = Member("files");
            if (files < 0 || _json.Kind(files) != JsonKind.Array || _json.Count(files) < 1 || _json.Count(files) > MaxFiles)
                return Bad("files is not a list of 1 to 8 files");
            for (var file = _json.First(files); file >= 0; file = _json.Next(file))
            {
                if (_json.Kind(file) != JsonKind.Object || _json.Count(file) != FileMembers.Length)
                    return Bad("a file is not {name, size, sha256}");
                for (var member = _json.FirstName(file); member >= 0; member = _json.NextName(member))
                    if (!_json.NameIn(member, FileMembers))
                        return Bad("a file is not {name, size, sha256}");
                var fileName = _json.Member(file, "name");
                if (!IsString(fileName) || !UpdateNames.IsValid(json, _json.RawStart(fileName), _json.RawLength(fileName)))
                    return Bad("a file name is not 1 to 48 characters of A-Z a-z 0-9 . _ -");
                var nameLength = _json.RawLength(fileName);
                for (var i = 0; i < nameLength; i++)
                    _fileNames[FileCount * UpdateNames.MaxLength + i] = json[_json.RawStart(fileName) + i];
                _fileNameLengths[FileCount] = nameLength;
                var name = FileName(FileCount);
                if (IndexOf(name) >= 0 || name == ManifestName || name == SignatureName || name == UpdateKey.FileName)
                    return Bad("file " + name + " is named twice or takes a reserved name");
                int size;
                if (!_json.TryInt(_json.Member(file, "size"), out size) || size < 1 || size > MaxFileBytes)
                    return Bad("the size of " + name + " is not 1 to 524288 bytes");
                if (!ReadHash(_json.Member(file, "sha256"), FileCount))
                    return Bad("the sha256 of " + name + " is not 64 lowercase hex digits");
                _fileSizes[FileCount] = size;
                FileCount++;
            }
            return true;
        }

        private bool ReadHash(int token, int index)
        {
            if (!IsString(token) || _json.RawLength(token) != 2 * Sha256.DigestBytes)
                return false;
            var at = _json.RawStart(token);
            for (var i = 0; i < Sha256.DigestBytes; i++)
            {
                var high = LowerHex(_json.Buffer[at + 2 * i]);
                var low = LowerHex(_json.Buffer[at + 2 * i + 1]);
                if (high < 0 || low < 0)
                    return false;
                _fileHashes[index * Sha256.DigestBytes + i] = (byte)(high * 16 + low);
            }
            return true;
        }

        private static int LowerHex(byte c)
        {
            if (c >= '0' && c <= '9')
                return c - '0';
            if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
            return -1;
        }

        private bool ReadNextKey()
        {
            var token = _json.Member(JsonReader.Root, "nextKey");
            if (token < 0)
                return true;
            // the base64 of one key record; a JSON writer may escape any character of it as \uXXXX (System.Text.Json's '+')
            if (!IsString(token) || _json.RawLength(token) > 6 * (4 * UpdateKey.MaxRecordBytes / 3 + 4))
                return Bad("nextKey is not a key file in base64");
            byte[] key;
            try
            {
                key = System.Convert.FromBase64String(_json.String(token));
            }
            catch (System.Exception)
            {
                return Bad("nextKey is not a key file in base64");
            }
            if (!NextKey.Read(key, 0, key.Length) || NextKey.PreviousKeyId != null)
                return Bad("nextKey is not a key file in base64");
            HasNextKey = true;
            return true;
        }

        private bool IsString(int token) => token >= 0 && _json.Kind(token) == JsonKind.String;

        /// <returns>the token of a member every manifest has, or -1</returns>
        private int Member(string name) => _json.Member(JsonReader.Root, name);

        /// <returns>the string value of a required name member, or null (and <see cref="Detail"/> set)</returns>
        private string Name(string member)
        {
            var token = Member(member);
            if (!IsString(token) || !UpdateNames.IsValid(_json.Buffer, _json.RawStart(token), _json.RawLength(token)))
            {
                Bad(member + " is not 1 to 48 characters of A-Z a-z 0-9 . _ -");
                return null;
            }
            return _json.String(token);
        }

        private bool Bad(string detail)
        {
            Detail = detail;
            FileCount = 0;
            return false;
        }

        private string Refuse(string reason, string detail)
        {
            Detail = detail;
            return reason;
        }
    }
}

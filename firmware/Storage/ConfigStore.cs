using ChargeController.Firmware.Config;
using ChargeController.Hal;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The configuration file (config.txt): readable text, one `key=value` a line for every key that differs from its
    /// default, under a versioned header and over a CRC line, written through an atomic replace so a power cut leaves the
    /// old file or the new, never a mix. A file that does not check out falls back to the defaults with a warning;
    /// a bad value keeps its key's default with a warning naming the key and its range. Never a crash.
    /// </summary>
    public sealed class ConfigStore
    {
        public const string FileName = "config.txt";
        public const int Version = 1;
        private const string HeaderPrefix = "# ChargeController config v";
        private const string CrcPrefix = "crc=";

        /// <summary>
        /// Renamed keys by version: entry i holds "old=new" pairs for a file of version i+1 moving to i+2. Version 1 is
        /// the first, so there is nothing to migrate yet; the loader applies whatever is listed here in order.
        /// </summary>
        private static readonly string[][] Renames = new string[0][];

        private readonly IFileStore _store;

        public ConfigStore(IFileStore store)
        {
            _store = store;
        }

        /// <summary>Loads into <paramref name="config"/> (which holds the defaults).</summary>
        /// <returns>warnings for the technician; empty when the file was fine or absent</returns>
        public string[] Load(PileConfig config)
        {
            var warnings = new System.Collections.ArrayList();
            if (_store.Exists(FileName))
                LoadInto(config, warnings);
            var result = new string[warnings.Count];
            warnings.CopyTo(result);
            return result;
        }

        public bool Save(PileConfig config)
        {
            var body = HeaderPrefix + Version.ToString() + "\n";
            foreach (var key in ConfigKeys.All)
                if (config.Get(key) != key.Default)
                    body += key.Name + "=" + key.Format(config.Get(key)) + "\n";
            var text = body + CrcPrefix + Crc32.Compute(Ascii(body), 0, body.Length).ToString("X8") + "\n";
            var bytes = Ascii(text);
            return _store.Replace(FileName, bytes, 0, bytes.Length);
        }

        private void LoadInto(PileConfig config, System.Collections.ArrayList warnings)
        {
            var length = _store.Length(FileName);
            var bytes = new byte[length];
            _store.Read(FileName, 0, bytes, 0, length);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
                chars[i] = (char)bytes[i];
            var text = new string(chars);

            var crcAt = text.LastIndexOf(CrcPrefix);
            var body = crcAt < 0 ? null : text.Substring(0, crcAt);
            if (body == null || !text.StartsWith(HeaderPrefix) ||
                text.Substring(crcAt + CrcPrefix.Length).Trim() != Crc32.Compute(bytes, 0, crcAt).ToString("X8"))
            {
                warnings.Add("config file is damaged: all keys are back to their defaults");
                return;
            }
            var lines = body.Split('\n');
            int version;
            if (!int.TryParse(lines[0].Substring(HeaderPrefix.Length).Trim(), out version) || version < 1 || version > Version)
            {
                warnings.Add("config file has version '" + lines[0].Substring(HeaderPrefix.Length).Trim() +
                    "', this firmware reads 1.." + Version.ToString() + ": all keys are back to their defaults");
                return;
            }
            var loaded = new PileConfig();
            for (var i = 1; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0)
                    continue;
                var error = loaded.SetAssignment(Migrate(line, version));
                if (error != null)
                    warnings.Add("config: " + error + "; the default is kept");
            }
            var inconsistency = loaded.Inconsistency();
            if (inconsistency != null)
            {
                warnings.Add("config: " + inconsistency + ": all keys are back to their defaults");
                return;
            }
            config.CopyFrom(loaded);
        }

        private static string Migrate(string line, int fromVersion)
        {
            for (var v = fromVersion - 1; v < Renames.Length; v++)
            {
                foreach (var rename in Renames[v])
                {
                    var equals = rename.IndexOf('=');
                    var oldName = rename.Substring(0, equals) + "=";
                    if (line.StartsWith(oldName))
                        line = rename.Substring(equals + 1) + "=" + line.Substring(oldName.Length);
                }
            }
            return line;
        }

        private static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (var i = 0; i < text.Length; i++)
                bytes[i] = text[i] < 0x80 ? (byte)text[i] : (byte)'?';
            return bytes;
        }
    }
}

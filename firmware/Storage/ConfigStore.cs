using ChargeController.Firmware.Config;
using ChargeController.Firmware.Text;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// The configuration in two copies (config-a.txt, config-b.txt): readable text, one `key=value` a line for every key
    /// that differs from its default, under a versioned header and a generation number, over a CRC line, each written
    /// through an atomic replace. A save writes the older copy first with the next generation, then the other: so a cut
    /// leaves the old configuration or the new in the newest intact copy, and a damaged newest copy falls back to the
    /// same configuration, not an older one. The newest intact copy is loaded. A bad value of an ordinary key keeps its
    /// default with a warning; a damaged or unreadable configuration, or a bad installation-critical key
    /// (<see cref="ConfigKey.Critical"/>), is <c>damaged</c>: the pile must not charge on defaults that may exceed what the
    /// installation allows. Never a crash.
    /// </summary>
    public sealed class ConfigStore
    {
        public static readonly string[] CopyNames = { "config-a.txt", "config-b.txt" };
        private static readonly string[] CopyLetters = { "a", "b" };
        public const int Version = 2;
        private const string HeaderPrefix = "# ChargeController config v";
        private const string GenerationPrefix = "generation=";
        private const string CrcPrefix = "crc=";
        private const string UntilWritten = ": the pile stays unavailable until a valid configuration is written";

        /// <summary>
        /// Renamed keys by version: entry i holds "old=new" pairs for a file of version i+1 moving to i+2. Nothing was
        /// renamed from version 1 to 2 (only the generation line came); the loader applies whatever is listed in order.
        /// </summary>
        private static readonly string[][] Renames = { new string[0] };

        private readonly IFileStore _store;

        public ConfigStore(IFileStore store)
        {
            _store = store;
        }

        /// <summary>Loads the newest intact copy into <paramref name="config"/> (which holds the defaults).</summary>
        /// <param name="damaged">no intact copy, or a bad installation-critical value: the pile must stay unavailable</param>
        /// <returns>warnings for the technician; empty when the copies were fine or absent</returns>
        public string[] Load(PileConfig config, out bool damaged)
        {
            var warnings = new System.Collections.ArrayList();
            damaged = false;
            var texts = Strings.Filled(new string[CopyNames.Length]);
            var newest = -1;
            var damagedCopies = "";
            var damagedCount = 0;
            for (var i = 0; i < CopyNames.Length; i++)
            {
                if (!_store.Exists(CopyNames[i]))
                    continue;
                texts[i] = ReadText(CopyNames[i]);
                if (GenerationOf(texts[i]) < 0)
                    damagedCopies += (damagedCount++ > 0 ? " and " : "") + CopyLetters[i];
                else if (newest < 0 || GenerationOf(texts[i]) > GenerationOf(texts[newest]))
                    newest = i;
            }
            if (newest >= 0)
            {
                if (damagedCopies.Length > 0)
                    warnings.Add("config copy " + damagedCopies + " is damaged: copy " + CopyLetters[newest] + " (generation " +
                        GenerationOf(texts[newest]).ToString() + ") is used");
                damaged = LoadCopy(texts[newest], config, warnings);
            }
            else if (damagedCopies.Length > 0) // no copy at all is a pile never configured: the factory's defaults hold
            {
                damaged = true;
                warnings.Add((damagedCount > 1 ? "config copies " + damagedCopies + " are" : "config copy " + damagedCopies + " is") +
                    " damaged, no intact copy is left" + UntilWritten);
            }
            return Strings.Of(warnings);
        }

        /// <summary>Writes the configuration to the older copy with the next generation, then to the other.</summary>
        /// <returns>whether the configuration is stored (its first copy is durable)</returns>
        public bool Save(PileConfig config)
        {
            var newest = -1;
            var generation = 0;
            for (var i = 0; i < CopyNames.Length; i++)
            {
                var copy = _store.Exists(CopyNames[i]) ? GenerationOf(ReadText(CopyNames[i])) : -1;
                if (copy >= generation)
                {
                    newest = i;
                    generation = copy;
                }
            }
            var first = newest == 0 ? 1 : 0;
            if (!Write(CopyNames[first], config, generation + 1))
                return false;
            Write(CopyNames[1 - first], config, generation + 2); // a cut here leaves the new configuration the newest
            return true;
        }

        /// <summary>The generation of a copy whose header and CRC check out, else -1 (damaged, or not a config file).</summary>
        public static int GenerationOf(string text)
        {
            var crcAt = text.LastIndexOf(CrcPrefix);
            if (crcAt < 0 || !text.StartsWith(HeaderPrefix) || text.Substring(crcAt + CrcPrefix.Length).Trim() != Crc(text.Substring(0, crcAt)))
                return -1;
            var lines = text.Substring(0, crcAt).Split('\n');
            int generation;
            if (lines.Length < 2 || !lines[1].StartsWith(GenerationPrefix) ||
                !int.TryParse(lines[1].Substring(GenerationPrefix.Length).Trim(), out generation) || generation < 0)
                return -1;
            return generation;
        }

        /// <summary>The text of a copy as stored, byte for byte (ASCII).</summary>
        public static string TextOf(byte[] bytes, int length)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++)
                chars[i] = (char)bytes[i];
            return new string(chars);
        }

        /// <returns>damaged: the copy cannot be read by this firmware, or an installation-critical value is bad</returns>
        private static bool LoadCopy(string text, PileConfig config, System.Collections.ArrayList warnings)
        {
            var lines = text.Substring(0, text.LastIndexOf(CrcPrefix)).Split('\n');
            int version;
            if (!int.TryParse(lines[0].Substring(HeaderPrefix.Length).Trim(), out version) || version < 1 || version > Version)
            {
                warnings.Add("config has version '" + lines[0].Substring(HeaderPrefix.Length).Trim() +
                    "', this firmware reads 1.." + Version.ToString() + UntilWritten);
                return true;
            }
            var loaded = new PileConfig();
            var damaged = false;
            for (var i = 2; i < lines.Length; i++)
            {
                var line = Migrate(lines[i].Trim(), version);
                if (line.Length == 0)
                    continue;
                var error = loaded.SetAssignment(line);
                if (error == null)
                    continue;
                var key = ConfigKeys.Find(NameOf(line));
                var critical = key != null && key.Critical;
                damaged |= critical;
                warnings.Add("config: " + error + (critical ? "; an installation-critical key" + UntilWritten : "; the default is kept"));
            }
            var inconsistency = loaded.Inconsistency();
            if (inconsistency != null)
            {
                // keys that do not hold together: the ordinary ones go back to their defaults; if that is not enough, a
                // critical one is wrong
                loaded.ResetOrdinaryKeys();
                damaged |= loaded.Inconsistency() != null;
                warnings.Add("config: " + inconsistency + (loaded.Inconsistency() != null ? UntilWritten : ": ordinary keys are back to their defaults"));
            }
            config.CopyFrom(loaded);
            return damaged;
        }

        private bool Write(string name, PileConfig config, int generation)
        {
            var body = HeaderPrefix + Version.ToString() + "\n" + GenerationPrefix + generation.ToString() + "\n";
            foreach (var key in ConfigKeys.All)
                if (config.Get(key) != key.Default)
                    body += key.Name + "=" + key.Format(config.Get(key)) + "\n";
            var text = body + CrcPrefix + Crc(body) + "\n";
            var bytes = Bytes(text);
            return _store.Replace(name, bytes, 0, bytes.Length);
        }

        private string ReadText(string name)
        {
            var length = _store.Length(name);
            var bytes = new byte[length];
            _store.Read(name, 0, bytes, 0, length);
            return TextOf(bytes, length);
        }

        private static string Crc(string text) => Crc32.Compute(Bytes(text), 0, text.Length).ToString("X8");

        /// <summary>The inverse of <see cref="TextOf"/>: key names and values are ASCII.</summary>
        private static byte[] Bytes(string text)
        {
            var bytes = new byte[text.Length];
            for (var i = 0; i < text.Length; i++)
                bytes[i] = (byte)text[i];
            return bytes;
        }

        private static string NameOf(string assignment)
        {
            var equals = assignment.IndexOf('=');
            return equals < 0 ? assignment : assignment.Substring(0, equals).Trim();
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
    }
}

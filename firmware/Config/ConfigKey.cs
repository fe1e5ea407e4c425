namespace ChargeController.Firmware.Config
{
    /// <summary>
    /// One configuration key: its name, unit, default and allowed range, or its named choices. Values are integers in the
    /// unit the name says; a key with choices stores the index of the choice.
    /// </summary>
    public sealed class ConfigKey
    {
        // The pile keeps about a hundred keys for its whole life, and nanoCLR gives every field of an object its own
        // 12-byte heap block whatever the field's type: so a key has five fields (1.2 KB a field over all the keys), its
        // numbers packed below, and its unit is one shared string per unit (ConfigKeys.Units) rather than each line's own literal.
        private const int IndexBits = 9;
        private const int IndexMask = (1 << IndexBits) - 1;
        private const int DefaultShift = IndexBits + 1;
        /// <summary>The largest key count and the default's limits that <see cref="_defaultAndPlace"/> holds.</summary>
        public const int MaxKeys = 1 << IndexBits;
        public const int MaxDefault = (1 << (31 - DefaultShift)) - 1;
        public const int MinDefault = -MaxDefault - 1;

        private readonly object _unitOrChoices; // a number's unit (string) or a choice key's names (string[])
        private readonly long _range;           // Min in the high 32 bits, Max in the low 32
        private int _defaultAndPlace;           // Default in the high 22 bits, Index in the next 9, Critical in the lowest

        public ConfigKey(string name, string unit, int defaultValue, int min, int max, string meaning)
            : this(name, (object)Shared(unit), defaultValue, min, max, meaning)
        {
        }

        public ConfigKey(string name, string[] choices, int defaultChoice, string meaning)
            : this(name, choices, defaultChoice, 0, choices.Length - 1, meaning)
        {
        }

        private ConfigKey(string name, object unitOrChoices, int defaultValue, int min, int max, string meaning)
        {
            if (defaultValue < MinDefault || defaultValue > MaxDefault)
                throw new System.ArgumentOutOfRangeException(nameof(defaultValue), name + ": the default does not fit a key");
            Name = name;
            Meaning = meaning;
            _unitOrChoices = unitOrChoices;
            _range = ((long)min << 32) | (uint)max;
            _defaultAndPlace = defaultValue << DefaultShift;
        }

        public string Name { get; }
        public string Unit => _unitOrChoices as string ?? "";
        public int Default => _defaultAndPlace >> DefaultShift;
        public int Min => (int)(_range >> 32);
        public int Max => (int)_range;
        public string Meaning { get; }
        /// <summary>Named values, or null for a number.</summary>
        public string[] Choices => _unitOrChoices as string[];

        /// <summary>
        /// Installation-critical: its default could exceed what the installation allows, weaken its protection, misread
        /// its meter or give charging away. A bad stored value of such a key keeps the pile unavailable, never at the default.
        /// </summary>
        public bool Critical
        {
            get => (_defaultAndPlace & 1) != 0;
            internal set => _defaultAndPlace = value ? _defaultAndPlace | 1 : _defaultAndPlace & ~1;
        }

        /// <summary>Position in <see cref="ConfigKeys.All"/>.</summary>
        public int Index
        {
            get => (_defaultAndPlace >> 1) & IndexMask;
            internal set
            {
                if (value < 0 || value >= MaxKeys)
                    throw new System.ArgumentOutOfRangeException(nameof(value), Name + ": more keys than a key's index holds");
                _defaultAndPlace = (_defaultAndPlace & ~(IndexMask << 1)) | (value << 1);
            }
        }

        /// <returns>null when <paramref name="text"/> is a valid value for this key, else why not</returns>
        public string TryParse(string text, out int value)
        {
            value = Default;
            var choices = Choices;
            if (choices != null)
            {
                for (var i = 0; i < choices.Length; i++)
                {
                    if (choices[i] == text)
                    {
                        value = i;
                        return null;
                    }
                }
                return Name + ": '" + text + "' is not one of " + AllowedText();
            }
            int parsed;
            // On the device a failed TryParse leaves int.MinValue in the out argument: only the return value counts.
            if (!int.TryParse(text, out parsed))
                return Name + ": '" + text + "' is not a whole number (" + AllowedText() + ")";
            if (parsed < Min || parsed > Max)
                return Name + ": " + text + " is out of range " + AllowedText();
            value = parsed;
            return null;
        }

        public string Format(int value)
        {
            var choices = Choices;
            return choices != null ? choices[value] : value.ToString();
        }

        /// <summary>"6..63 A" or "free, platform".</summary>
        public string AllowedText()
        {
            var choices = Choices;
            if (choices == null)
                return Min.ToString() + ".." + Max.ToString() + (Unit.Length > 0 ? " " + Unit : "");
            var text = choices[0];
            for (var i = 1; i < choices.Length; i++)
                text += ", " + choices[i];
            return text;
        }

        /// <summary>The one shared instance of a common unit, so that the keys' own literals are garbage after start-up.</summary>
        private static string Shared(string unit)
        {
            foreach (var shared in ConfigKeys.Units)
                if (shared == unit)
                    return shared;
            return unit;
        }
    }
}

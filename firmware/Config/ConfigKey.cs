namespace ChargeController.Firmware.Config
{
    /// <summary>
    /// One configuration key: its name, unit, default and allowed range, or its named choices. Values are integers in the
    /// unit the name says; a key with choices stores the index of the choice.
    /// </summary>
    public sealed class ConfigKey
    {
        public ConfigKey(string name, string unit, int defaultValue, int min, int max, string meaning)
        {
            Name = name;
            Unit = unit;
            Default = defaultValue;
            Min = min;
            Max = max;
            Meaning = meaning;
        }

        public ConfigKey(string name, string[] choices, int defaultChoice, string meaning)
            : this(name, "", defaultChoice, 0, choices.Length - 1, meaning)
        {
            Choices = choices;
        }

        public string Name { get; }
        public string Unit { get; }
        public int Default { get; }
        public int Min { get; }
        public int Max { get; }
        public string Meaning { get; }
        /// <summary>Named values, or null for a number.</summary>
        public string[] Choices { get; }
        /// <summary>
        /// Installation-critical: its default could exceed what the installation allows, weaken its protection, misread
        /// its meter or give charging away. A bad stored value of such a key keeps the pile unavailable, never at the default.
        /// </summary>
        public bool Critical { get; internal set; }
        /// <summary>Position in <see cref="ConfigKeys.All"/>.</summary>
        public int Index { get; internal set; }

        /// <returns>null when <paramref name="text"/> is a valid value for this key, else why not</returns>
        public string TryParse(string text, out int value)
        {
            value = Default;
            if (Choices != null)
            {
                for (var i = 0; i < Choices.Length; i++)
                {
                    if (Choices[i] == text)
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

        public string Format(int value) => Choices != null ? Choices[value] : value.ToString();

        /// <summary>"6..63 A" or "free, platform".</summary>
        public string AllowedText()
        {
            if (Choices == null)
                return Min.ToString() + ".." + Max.ToString() + (Unit.Length > 0 ? " " + Unit : "");
            var text = Choices[0];
            for (var i = 1; i < Choices.Length; i++)
                text += ", " + Choices[i];
            return text;
        }
    }
}

namespace ChargeController.Firmware.Config
{
    /// <summary>The pile's configuration: one validated integer per <see cref="ConfigKeys"/> entry.</summary>
    public sealed class PileConfig
    {
        private readonly int[] _values = new int[ConfigKeys.All.Length];

        public PileConfig()
        {
            for (var i = 0; i < _values.Length; i++)
                _values[i] = ConfigKeys.All[i].Default;
        }

        public int Get(ConfigKey key) => _values[key.Index];

        public bool IsOn(ConfigKey key) => _values[key.Index] != 0;

        /// <returns>null when set, else a message naming the key and what it allows; nothing changes then</returns>
        public string Set(string name, string text)
        {
            var key = ConfigKeys.Find(name);
            if (key == null)
                return "unknown config key '" + name + "'";
            int value;
            var error = key.TryParse(text, out value);
            if (error != null)
                return error;
            _values[key.Index] = value;
            return null;
        }

        /// <summary>Sets "key=value".</summary>
        public string SetAssignment(string assignment)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
                return "expected key=value, got '" + assignment + "'";
            return Set(assignment.Substring(0, equals).Trim(), assignment.Substring(equals + 1).Trim());
        }
    }
}

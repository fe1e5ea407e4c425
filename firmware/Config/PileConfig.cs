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

        /// <summary>Sets a key only if the configuration still holds together afterwards (a change at run time).</summary>
        public string SetConsistent(string assignment)
        {
            var candidate = new PileConfig();
            candidate.CopyFrom(this);
            var error = candidate.SetAssignment(assignment);
            if (error == null)
                error = candidate.Inconsistency();
            if (error == null)
                CopyFrom(candidate);
            return error;
        }

        public void CopyFrom(PileConfig other)
        {
            for (var i = 0; i < _values.Length; i++)
                _values[i] = other._values[i];
        }

        /// <summary>Every key that is not installation-critical back to its default.</summary>
        public void ResetOrdinaryKeys()
        {
            for (var i = 0; i < _values.Length; i++)
                if (!ConfigKeys.All[i].Critical)
                    _values[i] = ConfigKeys.All[i].Default;
        }

        /// <summary>Keys that are valid alone but not together, or null when the whole configuration holds together.</summary>
        public string Inconsistency()
        {
            if (Get(ConfigKeys.UnderVoltageV) >= Get(ConfigKeys.OverVoltageV))
                return "supply.underVoltageV must be below supply.overVoltageV";
            if (!(Get(ConfigKeys.ResumeC) < Get(ConfigKeys.HalfCurrentC) && Get(ConfigKeys.HalfCurrentC) <= Get(ConfigKeys.QuarterCurrentC) &&
                  Get(ConfigKeys.QuarterCurrentC) <= Get(ConfigKeys.StopC)))
                return "thermal levels must rise: resumeC < halfC <= quarterC <= stopC";
            if (Get(ConfigKeys.ConnectorResumeC) >= Get(ConfigKeys.ConnectorStopC))
                return "thermal.connectorResumeC must be below thermal.connectorStopC";
            if (Get(ConfigKeys.PilotCalHighCounts) <= Get(ConfigKeys.PilotCalLowCounts))
                return "pilot.cal.highCounts must be above pilot.cal.lowCounts";
            if (Get(ConfigKeys.MeterIdlePollMs) < Get(ConfigKeys.MeterBusyPollMs))
                return "meter.pollIdleMs must not be shorter than meter.pollChargingMs";
            return Site.SiteSetup.Inconsistency(this);
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

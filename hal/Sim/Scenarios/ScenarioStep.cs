namespace ChargeController.Sim.Scenarios
{
    /// <summary>One parsed scenario line: at <see cref="TimeMs"/> do <see cref="Verb"/> with its argument.</summary>
    public sealed class ScenarioStep
    {
        public ScenarioStep(int line, long timeMs, ScenarioVerb verb, int number, string text)
        {
            Line = line;
            TimeMs = timeMs;
            Verb = verb;
            Number = number;
            Text = text;
        }

        public int Line { get; }
        public long TimeMs { get; }
        public ScenarioVerb Verb { get; }
        /// <summary>The numeric argument in the unit the verb takes (A, mA, V, C), or 0.</summary>
        public int Number { get; }
        /// <summary>The text argument (an id tag), or null.</summary>
        public string Text { get; }
    }
}

namespace ChargeController.Sim.Scenarios
{
    /// <summary>The outcome of parsing a scenario: every step, or the first error with its line number.</summary>
    public sealed class ScenarioParse
    {
        private ScenarioParse(ScenarioStep[] steps, int errorLine, string error)
        {
            Steps = steps;
            ErrorLine = errorLine;
            Error = error;
        }

        public ScenarioStep[] Steps { get; }
        public int ErrorLine { get; }
        /// <summary>"line 7: unknown verb 'ev fly'", or null when the scenario is valid.</summary>
        public string Error { get; }
        public bool Succeeded => Error == null;

        public static ScenarioParse Ok(ScenarioStep[] steps) => new ScenarioParse(steps, 0, null);

        public static ScenarioParse Failed(int line, string message) =>
            new ScenarioParse(new ScenarioStep[0], line, "line " + line.ToString() + ": " + message);
    }
}

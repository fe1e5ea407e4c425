using ChargeController.Firmware.Config;
using ChargeController.Sim.Trace;

namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// Runs a parsed scenario on virtual time as fast as the machine allows. A step happens at the first tick at or after
    /// its time, before that tick. The run ends at the `end` step, or <see cref="TailMs"/> after the last step.
    /// </summary>
    public static class ScenarioRunner
    {
        public const long TailMs = 5000;

        /// <summary>The default config with the scenario's own `set` lines applied (the parser has validated them).</summary>
        public static PileConfig ConfigFor(ScenarioStep[] steps)
        {
            var config = new PileConfig();
            foreach (var step in steps)
                if (step.Verb == ScenarioVerb.Set)
                    config.SetAssignment(step.Text);
            return config;
        }

        /// <returns>the virtual time the run ended at, in ms</returns>
        public static long Run(ScenarioStep[] steps, PileConfig config, IEventWriter writer)
        {
            var pile = new SimulatedPile(config, writer);
            pile.Start();
            var endMs = steps.Length == 0 ? TailMs : steps[steps.Length - 1].TimeMs + TailMs;
            foreach (var step in steps)
            {
                if (step.Verb == ScenarioVerb.End)
                {
                    endMs = step.TimeMs;
                    break;
                }
                pile.AdvanceTo(step.TimeMs - 1);
                pile.Apply(step);
            }
            pile.AdvanceTo(endMs);
            return endMs;
        }
    }
}

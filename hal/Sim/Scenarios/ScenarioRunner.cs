using ChargeController.Firmware.Config;
using ChargeController.Sim.Memory;
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

        /// <summary>
        /// Runs the scenario, unless one of its steps cannot apply to this pile; then nothing runs. A step that cannot take
        /// effect when its time comes (damaging a configuration never stored) ends the run there.
        /// </summary>
        /// <param name="probe">told what the run is doing, to measure its memory; null when nobody measures</param>
        /// <param name="progress">told after each step, or null</param>
        /// <returns>null when it ran, else "line N: why"</returns>
        public static string Run(ScenarioStep[] steps, PileConfig config, IEventWriter writer, IMemoryProbe probe = null,
            IRunProgress progress = null)
        {
            probe = probe ?? NoMemoryProbe.Instance;
            probe.Begin(RunPart.Startup);
            return Run(new SimulatedPile(config, writer, probe), steps, progress);
        }

        /// <summary>
        /// Runs the scenario on a pile built for it and not started yet (one on a real broker's link, say), which is left
        /// as the run ends, so the caller can go on with it. Its probe, if any, was told the startup began.
        /// </summary>
        /// <param name="sampler">looks at the pile at its period while it runs; null when nobody does</param>
        /// <returns>null when it ran, else "line N: why"</returns>
        public static string Run(SimulatedPile pile, ScenarioStep[] steps, IRunProgress progress = null, IRunSampler sampler = null)
        {
            var probe = pile.Probe;
            foreach (var step in steps)
            {
                var refusal = pile.Refusal(step);
                if (refusal != null)
                    return "line " + step.Line.ToString() + ": " + refusal;
            }
            pile.Start();
            probe.End(RunPart.Startup);
            var endMs = steps.Length == 0 ? TailMs : steps[steps.Length - 1].TimeMs + TailMs;
            for (var i = 0; i < steps.Length; i++)
            {
                var step = steps[i];
                if (step.Verb == ScenarioVerb.End)
                {
                    endMs = step.TimeMs;
                    break;
                }
                Advance(pile, step.TimeMs - 1, sampler);
                var refusal = pile.Apply(step);
                if (refusal != null)
                    return "line " + step.Line.ToString() + ": " + refusal;
                if (progress != null)
                    progress.StepDone(i + 1, steps.Length);
            }
            Advance(pile, endMs, sampler);
            return null;
        }

        private static void Advance(SimulatedPile pile, long toMs, IRunSampler sampler)
        {
            if (sampler != null)
            {
                // from the period's next multiple, or now if the clock stands on one (a sampler sees a time again then)
                for (var t = (pile.NowMs + sampler.PeriodMs - 1) / sampler.PeriodMs * sampler.PeriodMs; t <= toMs; t += sampler.PeriodMs)
                {
                    pile.AdvanceTo(t);
                    sampler.Sample(pile);
                }
            }
            pile.AdvanceTo(toMs);
        }
    }
}

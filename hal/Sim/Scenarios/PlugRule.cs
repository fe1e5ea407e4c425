namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// A vehicle verb needs a vehicle on the cable, and `plug` brings a fresh one: a vehicle verb before `plug`, a second
    /// `plug` or an `unplug` with nothing plugged in could never take effect, so they are refused, never lost silently.
    /// Only `plug` and `unplug` change what is plugged in, so a scenario is checked line by line before it runs.
    /// </summary>
    public static class PlugRule
    {
        /// <returns>why <paramref name="verb"/> cannot take effect, or null</returns>
        public static string Refusal(ScenarioVerb verb, bool plugged)
        {
            if (verb == ScenarioVerb.Plug && plugged)
                return "a vehicle is already plugged in: 'unplug' first";
            if (verb == ScenarioVerb.Unplug && !plugged)
                return "nothing is plugged in";
            if (IsVehicleVerb(verb) && !plugged)
                return "no vehicle is plugged in: 'plug' first (it brings a fresh vehicle)";
            return null;
        }

        public static bool PluggedAfter(ScenarioVerb verb, bool plugged) =>
            verb == ScenarioVerb.Plug || (plugged && verb != ScenarioVerb.Unplug);

        private static bool IsVehicleVerb(ScenarioVerb verb) =>
            verb == ScenarioVerb.EvReady || verb == ScenarioVerb.EvPause || verb == ScenarioVerb.EvVentilation ||
            verb == ScenarioVerb.EvDraw || verb == ScenarioVerb.EvDisobey || verb == ScenarioVerb.EvObey ||
            verb == ScenarioVerb.EvDiodeMissing;
    }
}

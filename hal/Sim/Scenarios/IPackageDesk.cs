namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// The platform's side of a firmware update in a run (`update key`, `update offer`): files on the host, so PileSim
    /// gives it; the engine on the device's interpreter has none and refuses those verbs.
    /// </summary>
    public interface IPackageDesk
    {
        /// <summary>Why the key file or package folder of an `update` step cannot serve, or null; checked before the run.</summary>
        string Problem(ScenarioStep step);

        /// <summary>The content of the update-key.bin the step names.</summary>
        byte[] Key(string path);

        /// <summary>Serves the package folder from now on.</summary>
        /// <returns>the `update` command that offers it, as the platform sends it</returns>
        string Offer(string folder);
    }
}

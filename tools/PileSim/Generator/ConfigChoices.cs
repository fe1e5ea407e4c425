namespace ChargeController.PileSim.Generator;

/// <summary>
/// Config changes at run time for the `config` verb, the console's `config set` and the platform's `config` command:
/// keys whose values never depend on another key (so a change is stored whatever came before), and some a change
/// refuses (out of range, unknown key, not a number). Also the keys the reading commands ask about.
/// </summary>
public static class ConfigChoices
{
    /// <summary>A key and a value, valid or not.</summary>
    public static (string Key, string Value) Pick(Random random) => random.Next(6) switch
    {
        0 => ("auth.timeoutS", random.Next(10, 3601).ToString()),
        1 => ("telemetry.idleIntervalS", random.Next(60, 3601).ToString()),
        2 => ("link.fallbackAfterS", random.Next(0, 301).ToString()),
        3 => ("fault.pilot.retryDelayS", random.Next(0, 61).ToString()),
        4 => ("pile.ratedCurrentA", random.Next(6, 64).ToString()),
        _ => Invalid(random),
    };

    private static (string, string) Invalid(Random random) => random.Next(4) switch
    {
        0 => ("pile.ratedCurrentA", random.Next(64, 200).ToString()),
        1 => ("auth.mode", "maybe"),
        2 => ("no.such.key", "1"),
        _ => ("auth.timeoutS", "soon"),
    };

    /// <summary>Keys to read back; a wrong one now and then.</summary>
    public static string ReadKey(Random random) =>
        new[] { "auth.mode", "pile.ratedCurrentA", "auth.timeoutS", "meter.profile", "link.fallbackCurrentA", "no.such.key" }[random.Next(6)];
}

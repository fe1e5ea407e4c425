namespace ChargeController.PileSim.Generator;

/// <summary>
/// Random valid scenarios from a seed: a pile chosen by `set` lines, then acts (vehicle, faults, the platform's
/// commands, the console, power, link, storage) at random gaps for up to <see cref="MaxDurationMs"/> of virtual time,
/// then `end`. The same seed always gives the same text (System.Random(seed), nothing else), and `PileSim run` takes
/// every line of it: each goes through the <see cref="PileModel"/>.
/// </summary>
public static class ScenarioGenerator
{
    /// <summary>Twenty minutes of virtual time run in seconds on nanoCLR, some forty times slower than .NET.</summary>
    public const long MaxDurationMs = 20 * 60_000;

    /// <summary>Acts in a row that may find nothing the pile can take (a vehicle verb with nothing plugged in) before time moves on.</summary>
    private const int MaxIdlePicks = 20;

    public static string FileName(int seed) => $"random-{seed}.scn";

    /// <summary>The command line that writes this very scenario again.</summary>
    public static string Command(int seed) => $"PileSim generate --seed {seed} --count 1 --out DIR";

    public static string Text(int seed)
    {
        var random = new Random(seed);
        var draft = new Draft(random, Duration(random));
        draft.Comment($"random scenario, seed {seed}: written by `{Command(seed)}`");
        SettingPicker.Add(draft);
        if (random.Next(2) == 0)
            draft.Add("clock " + InfrastructurePicker.Utc(random));
        var acts = VerbPicker.Acts.Concat(InfrastructurePicker.Acts).Concat(new CommandPicker().Acts).Concat(new ConsolePicker().Acts).ToArray();
        var idle = 0;
        while (!draft.Over)
        {
            var before = draft.Lines;
            Act.Pick(random, acts).Run(draft);
            if (draft.Lines > before || ++idle == MaxIdlePicks)
            {
                idle = 0;
                draft.Wait(Math.Min(Gap(random), draft.EndMs / 5));
            }
        }
        draft.End();
        return draft.ToString();
    }

    /// <summary>Half a minute to the maximum, short ones more often.</summary>
    private static long Duration(Random random) => random.Next(3) switch
    {
        0 => random.Next(30_000, 180_000),
        1 => random.Next(180_000, 600_000),
        _ => random.Next(600_000, (int)MaxDurationMs + 1),
    };

    /// <summary>Mostly moments (0.1 to 5 s); sometimes long enough for timers to run out (retries, backoff, a lock-out).</summary>
    private static long Gap(Random random) => random.Next(10) switch
    {
        < 7 => random.Next(100, 5000),
        < 9 => random.Next(5000, 30_000),
        _ => random.Next(30_000, 240_000),
    };
}

namespace ChargeController.PileSim.Generator;

/// <summary>
/// What happens around the pile and to it: the link to the broker, the power, a hung control loop, reboots, the wall
/// clock, configuration changes and damaged storage, a crash loop and its safe mode.
/// </summary>
public static class InfrastructurePicker
{
    public static readonly Act[] Acts =
    {
        new("link outage", 4, d => Outage(d, "link down", "link up", d.Random.Next(3) == 0 ? d.Random.Next(60_000, 360_000) : d.Random.Next(5000, 60_000))),
        new("power cut", 4, d => Outage(d, "power cut", "power restore", d.Random.Next(3) == 0 ? d.Random.Next(10_000, 90_000) : d.Random.Next(100, 10_000))),
        new("hang", 3, d => d.Add($"hang {(d.Random.Next(2) == 0 ? d.Random.Next(20, 450) : d.Random.Next(450, 3000))}ms")),
        new("reboot", 2, d => d.Add("reboot")),
        new("config change", 4, ConfigChange),
        new("damaged configuration", 2, d => d.Add(d.Random.Next(2) == 0 ? "storage damage config" : "storage damage config all")),
        new("torn journal", 2, TornJournal),
        new("safe-mode clear", 1, d => d.Add("safe-mode clear")),
        new("clock", 2, d => d.Add("clock " + Utc(d.Random))),
        new("crash loop", 1, CrashLoop),
    };

    /// <summary>A random UTC time between 2025 and 2027, as `clock` and `expires` take it.</summary>
    public static string Utc(Random random) => UtcOf(1_735_689_600L + random.Next(0, 3 * 365 * 86_400));

    public static string UtcOf(long unixS) => DateTimeOffset.FromUnixTimeSeconds(unixS).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static void Outage(Draft draft, string cut, string restore, int forMs)
    {
        if (draft.Add(cut) && draft.Random.Next(8) != 0)
            draft.Later(forMs, restore);
    }

    /// <summary>A change stored on flash, and sometimes one or every stored copy damaged and a reboot to find it.</summary>
    private static void ConfigChange(Draft draft)
    {
        var random = draft.Random;
        var (key, value) = ConfigChoices.Pick(random);
        draft.Add($"config {key}={value}");
        if (random.Next(2) == 0)
            return;
        draft.Wait(random.Next(100, 3000));
        if (draft.Add(random.Next(3) == 0 ? "storage damage config all" : "storage damage config") && random.Next(3) != 0)
            draft.Later(random.Next(500, 5000), "reboot");
    }

    private static void TornJournal(Draft draft)
    {
        var random = draft.Random;
        draft.Add("storage corrupt-tail");
        draft.Later(random.Next(100, 5000), random.Next(2) == 0 ? "reboot" : "power cut");
        draft.Later(random.Next(5000, 8000), "power restore");
    }

    /// <summary>Six unexpected boots in a row within minutes put the pile in safe mode; a technician may clear it.</summary>
    private static void CrashLoop(Draft draft)
    {
        var random = draft.Random;
        for (var i = 0; i < 6 && !draft.Over; i++)
        {
            draft.Add("power cut");
            draft.Wait(random.Next(100, 3000));
            draft.Add("power restore");
            draft.Wait(random.Next(500, 5000));
        }
        if (random.Next(2) == 0)
            draft.Later(random.Next(5000, 60_000), "safe-mode clear");
    }
}

namespace ChargeController.PileSim.Generator;

/// <summary>
/// The simulation's verbs: the vehicle, the platform's and the technician's verbs, and faults of the board, the meter
/// and the lock, most of them repaired again a while later (a pile that stays broken has little left to show).
/// </summary>
public static class VerbPicker
{
    private static readonly string[] IdTags = { "CARD-1", "CARD-0042", "FLEET-0007", "TECH01" };

    public static readonly Act[] Acts =
    {
        new("plug or unplug", 12, PlugOrUnplug),
        new("vehicle", 14, Vehicle),
        new("platform verb", 8, PlatformVerb),
        new("pilot fault", 3, d => Repaired(d, PilotFault(d.Random), "cp restore")),
        new("connection-confirm contact", 1, d => Repaired(d, "cc open", "cc restore")),
        new("residual current", 3, d => Repaired(d, d.Random.Next(2) == 0 ? $"rcd ac {d.Random.Next(10, 120)}mA" : $"rcd dc {d.Random.Next(2, 15)}mA", "rcd clear")),
        new("rcd self-test broken", 1, d => d.Add("rcd selftest-broken")),
        new("supply", 2, d => Repaired(d, $"grid {d.Random.Next(150, 290)}V", "grid 220V")),
        new("enclosure temperature", 2, d => Repaired(d, $"temp {d.Random.Next(-25, 80)}C", "temp 25C")),
        new("connector temperature", 2, d => Repaired(d, $"temp connector {d.Random.Next(40, 110)}C", "temp connector 25C")),
        new("emergency stop", 2, d => Repaired(d, "estop press", "estop release")),
        new("welded contactor", 2, d => Repaired(d, "contactor weld", "contactor unweld")),
        new("stuck contactor", 1, d => d.Add("contactor stuck")),
        new("lock", 2, d => Repaired(d, d.Random.Next(2) == 0 ? "lock jam" : "lock stuck", "lock ok")),
        new("meter trouble", 3, d => Repaired(d, new[] { "meter offline", "meter garbage", "meter slave-error" }[d.Random.Next(3)], "meter online")),
        new("meter backwards", 1, d => d.Add($"meter backwards {d.Random.Next(1, 500)}Wh")),
        new("site", 3, Site),
        new("flaky meter link", 1, d => Repaired(d, $"meter flaky {d.Random.Next(1, 60)}%", "meter flaky 0%")),
        new("flaky rcd self-test", 1, d => d.Add("rcd selftest-flaky")),
        new("ageing part", 1, d => d.Add(new[] { $"age terminal {d.Random.Next(0, 10)}%", $"age feeder {d.Random.Next(0, 100)}mOhm", $"age contactor {d.Random.Next(0, 20)}ms" }[d.Random.Next(3)])),
    };

    /// <summary>The household and the sun behind a site meter, and the site meter's own trouble (refused without one).</summary>
    private static void Site(Draft draft)
    {
        var random = draft.Random;
        switch (random.Next(4))
        {
            case 0: draft.Add($"site load {random.Next(0, 60)}A"); break;
            case 1: draft.Add($"site pv {random.Next(0, 12000)}W"); break;
            case 2: Repaired(draft, new[] { "site meter offline", "site meter garbage", "site meter swap" }[random.Next(3)], "site meter online"); break;
            default: draft.Add("site load 0A"); break;
        }
    }

    private static void PlugOrUnplug(Draft draft)
    {
        var random = draft.Random;
        if (draft.Model.Plugged)
        {
            if (random.Next(2) == 0 && draft.Add("ev pause"))
                draft.Wait(random.Next(500, 5000));
            draft.Add("unplug");
            return;
        }
        draft.Add(random.Next(4) == 0 ? "plug" : $"plug {new[] { 10, 16, 32, 63 }[random.Next(4)]}A");
        if (random.Next(4) != 0)
            draft.Later(random.Next(100, 5000), "ev ready");
        if (random.Next(3) == 0)
            draft.Later(random.Next(100, 5000), EvDraw(random));
    }

    private static void Vehicle(Draft draft)
    {
        var random = draft.Random;
        switch (random.Next(7))
        {
            case 0: draft.Add("ev ready"); break;
            case 1: draft.Add("ev pause"); break;
            case 2: draft.Add("ev ventilation"); break;
            case 3: draft.Add(EvDraw(random)); break;
            case 4: Repaired(draft, "ev disobey", "ev obey"); break;
            case 5:
                if (random.Next(3) == 0)
                    Repaired(draft, "ev diode-missing", "unplug");
                else
                    draft.Add("ev ready");
                break;
            default: draft.Add("ev obey"); break;
        }
    }

    private static string EvDraw(Random random) => $"ev draw {random.Next(0, 70)}A" + (random.Next(3) == 0 ? " 3p" : "");

    private static void PlatformVerb(Draft draft)
    {
        var random = draft.Random;
        switch (random.Next(7))
        {
            case 0: draft.Add("authorize " + IdTags[random.Next(IdTags.Length)]); break;
            case 1: draft.Add("stop"); break;
            case 2: draft.Add("remote stop"); break;
            case 3: draft.Add($"limit {random.Next(0, 40)}A"); break;
            case 4: Repaired(draft, "unavailable", "available"); break;
            case 5: draft.Add("available"); break;
            default: draft.Add("faults clear"); break;
        }
    }

    private static string PilotFault(Random random) => random.Next(3) switch
    {
        0 => "cp short",
        1 => "cp open",
        _ => $"cp level {random.Next(-13000, 13001)}mV",
    };

    /// <summary>A fault now and, mostly, its repair a while later (1 s to 2 min); a technician may clear what latched.</summary>
    public static void Repaired(Draft draft, string fault, string repair)
    {
        if (!draft.Add(fault))
            return;
        var random = draft.Random;
        if (random.Next(5) == 0)
            return;
        var repairMs = random.Next(3) == 0 ? random.Next(10_000, 120_000) : random.Next(1000, 10_000);
        draft.Later(repairMs, repair);
        if (random.Next(3) == 0)
            draft.Later(repairMs + random.Next(500, 20_000), "faults clear");
    }
}

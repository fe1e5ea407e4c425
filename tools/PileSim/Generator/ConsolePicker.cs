namespace ChargeController.PileSim.Generator;

/// <summary>
/// Lines typed on the technician console (docs/console.md): the reading commands, logins with the right and a wrong
/// PIN, the technician PIN set with `pin change`, the protected commands, JSON mode, and what a console must shrug off
/// (unknown words, wrong arguments, over-long lines). One picker per scenario: it remembers the PIN it set.
/// </summary>
public sealed class ConsolePicker
{
    private const string FactoryPin = "000000";
    private string? _technicianPin;

    public ConsolePicker() => Acts = new Act[]
    {
        new("reading command", 6, d => Type(d, Reading(d.Random))),
        new("technician at work", 4, Technician),
        new("wrong PIN", 2, d => Login(d, WrongPin(d.Random))),
        new("mode", 1, d => Type(d, d.Random.Next(2) == 0 ? "mode json" : "mode human")),
        new("nonsense", 2, d => Type(d, Nonsense(d.Random))),
    };

    public Act[] Acts { get; }

    /// <summary>Types a line and gives the pile a moment (0.1 to 1.5 s) before the next.</summary>
    private static void Type(Draft draft, string line)
    {
        draft.Add("console " + line);
        draft.Wait(draft.Random.Next(100, 1500));
    }

    private static void Login(Draft draft, string pin)
    {
        Type(draft, draft.Random.Next(5) == 0 ? "LOGIN" : "login");
        Type(draft, pin);
    }

    /// <summary>A login (the factory PIN sets a technician PIN first), one to four protected commands, maybe a logout.</summary>
    private void Technician(Draft draft)
    {
        var random = draft.Random;
        if (_technicianPin == null)
        {
            Login(draft, FactoryPin);
            var pin = random.Next(100_000, 999_999).ToString() + (random.Next(2) == 0 ? random.Next(0, 999).ToString() : "");
            Type(draft, "pin change");
            Type(draft, pin);
            var again = random.Next(6) == 0 ? WrongPin(random) : pin;
            Type(draft, again);
            if (again == pin)
                _technicianPin = pin;
        }
        else
            Login(draft, _technicianPin);
        for (var n = random.Next(1, 5); n > 0; n--)
            Type(draft, Protected(random));
        if (random.Next(2) == 0)
            Type(draft, "logout");
    }

    private static string WrongPin(Random random) => random.Next(4) == 0 ? "12" : random.Next(100_000, 999_999).ToString();

    private static string Reading(Random random) => random.Next(17) switch
    {
        0 => "status",
        1 => "pilot",
        2 => "meter",
        3 => "faults",
        4 => random.Next(2) == 0 ? "sessions" : $"sessions {random.Next(1, 21)}",
        5 => "outbox",
        6 => "net",
        7 => "version",
        8 => "uptime",
        9 => "config list " + new[] { "supply.", "meter.", "auth.", "link." }[random.Next(4)],
        10 => "config get " + ConfigChoices.ReadKey(random),
        11 => "help " + new[] { "config set", "limit", "status", "pin change" }[random.Next(4)],
        12 => "help",
        13 => "site",
        14 => "health",
        15 => "update",
        _ => "Status",
    };

    private static string Protected(Random random)
    {
        switch (random.Next(12))
        {
            case 0:
            case 1:
                var (key, value) = ConfigChoices.Pick(random);
                return $"config set {key} {value}";
            case 2: return random.Next(3) == 0 ? "limit off" : $"limit {random.Next(0, 40)}";
            case 3: return random.Next(2) == 0 ? "start" : "start TECH01";
            case 4: return "stop";
            case 5: return "enable";
            case 6: return "disable";
            case 7: return "clear-fault " + new[] { "welded", "rcd-ac", "emergency-stop", "lock-release", "nonsense" }[random.Next(5)];
            case 8: return "selftest rcd";
            case 9: return random.Next(3) == 0 ? "reboot" : "status";
            case 10: return "health reset " + new[] { "contactor", "connector", "rcd", "fuse" }[random.Next(4)];
            default: return "safe-mode clear";
        }
    }

    private static string Nonsense(Random random) => random.Next(6) switch
    {
        0 => new[] { "hello", "reset", "rm -rf", "fly away" }[random.Next(4)],
        1 => "sessions " + (random.Next(2) == 0 ? "0" : "many"),
        2 => "limit lots",
        3 => "config get",
        4 => "help frobnicate",
        _ => "status " + new string('x', random.Next(80, 160)),
    };
}

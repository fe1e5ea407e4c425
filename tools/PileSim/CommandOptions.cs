namespace ChargeController.PileSim;

/// <summary>What the options of a PileSim command asked for.</summary>
public sealed class ChosenOptions
{
    public List<string> Settings { get; } = new();
    public string? TracePath { get; set; }
    /// <summary>--plot: the PNG the run's timeline is drawn into (<see cref="Timeline"/>).</summary>
    public string? PlotPath { get; set; }
    public bool Memory { get; set; }
    /// <summary>--broker as given (host:port, or a list of them), checked by <see cref="Broker.BrokerSettings"/>; likewise the four after it.</summary>
    public string? Broker { get; set; }
    public string? TlsCa { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? PileId { get; set; }
    public bool ConsolePty { get; set; }
    /// <summary>--state: the folder that keeps the simulated flash between runs (<see cref="PileState"/>).</summary>
    public string? StatePath { get; set; }
    /// <summary>`generate`'s first seed, count and folder as given; <see cref="Generator.GenerateCommand"/> checks them.</summary>
    public string? Seed { get; set; }
    public string? Count { get; set; }
    public string? Out { get; set; }
}

/// <summary>One option of a command: its name, the value it takes (null: none), and what it records.</summary>
public sealed record CommandOption(string Name, string? Value, string Meaning, Action<ChosenOptions, string> Apply)
{
    public static readonly CommandOption Set = new("--set", "key=value", "a config key for this run (PileSim keys lists them)",
        (chosen, value) => chosen.Settings.Add(value));

    public static readonly CommandOption Trace = new("--trace", "file", "write the JSON Lines trace to this file, not to stdout",
        (chosen, value) => chosen.TracePath = value);

    public static readonly CommandOption Plot = new("--plot", "file.png",
        "draw the run's timeline into this PNG: currents, pilot state, contactor, faults, link up and down",
        (chosen, value) => chosen.PlotPath = value);

    public static readonly CommandOption Memory = new("--memory", null,
        "bytes allocated while starting, the most one boot and one tick allocate, as one JSON line to stderr",
        (chosen, _) => chosen.Memory = true);

    public static readonly CommandOption Broker = new("--broker", "host:port[,...]", "connect the pile to this MQTT broker, or fail over along a list of them (through relays that 'link down' cuts)",
        (chosen, value) => chosen.Broker = value);

    public static readonly CommandOption TlsCa = new("--tls-ca", "pem", "TLS 1.2 to the broker, whose certificate must chain to this CA (PEM file)",
        (chosen, value) => chosen.TlsCa = value);

    public static readonly CommandOption User = new("--user", "name", "the pile's user name on the broker",
        (chosen, value) => chosen.User = value);

    public static readonly CommandOption Password = new("--password", "secret", "the pile's password on the broker (needs --user)",
        (chosen, value) => chosen.Password = value);

    public static readonly CommandOption PileId = new("--pile-id", "id", "the pile's id in its topics (piles/<id>/...) and MQTT client id",
        (chosen, value) => chosen.PileId = value);

    /// <summary>The options that put the pile on a real broker, in `run` and interactively.</summary>
    public static readonly CommandOption[] BrokerOptions = { Broker, TlsCa, User, Password, PileId };

    public static readonly CommandOption ConsolePty = new("--console-pty", null,
        "the technician console alone on a pseudo-terminal for a terminal program (its path is printed)",
        (chosen, _) => chosen.ConsolePty = true);

    public static readonly CommandOption State = new("--state", "folder",
        "the pile's flash kept in this folder between runs: read at start, written at the end (made if missing)",
        (chosen, value) => chosen.StatePath = value);

    public static readonly CommandOption Seed = new("--seed", "S", "the first seed", (chosen, value) => chosen.Seed = value);

    public static readonly CommandOption Count = new("--count", "N", "how many scenarios, one per seed from the first on",
        (chosen, value) => chosen.Count = value);

    public static readonly CommandOption Out = new("--out", "folder", "where the scenarios go (made if missing)",
        (chosen, value) => chosen.Out = value);

    /// <summary>Reads <paramref name="args"/> from <paramref name="from"/> on against a command's table of options.</summary>
    /// <returns>null, or the usage problem</returns>
    public static string? Parse(string[] args, int from, IReadOnlyList<CommandOption> table, ChosenOptions into)
    {
        for (var i = from; i < args.Length; i++)
        {
            var option = table.FirstOrDefault(o => o.Name == args[i]);
            if (option == null)
                return $"unknown argument '{args[i]}'";
            if (option.Value != null && i + 1 >= args.Length)
                return $"{option.Name} needs a value ({option.Value})";
            option.Apply(into, option.Value == null ? "" : args[++i]);
        }
        return null;
    }
}

namespace ChargeController.PileSim;

/// <summary>What the options of a PileSim command asked for.</summary>
public sealed class ChosenOptions
{
    public List<string> Settings { get; } = new();
    public string? TracePath { get; set; }
    public bool Memory { get; set; }
    public bool ConsolePty { get; set; }
}

/// <summary>One option of a command: its name, the value it takes (null: none), and what it records.</summary>
public sealed record CommandOption(string Name, string? Value, string Meaning, Action<ChosenOptions, string> Apply)
{
    public static readonly CommandOption Set = new("--set", "key=value", "a config key for this run (PileSim keys lists them)",
        (chosen, value) => chosen.Settings.Add(value));

    public static readonly CommandOption Trace = new("--trace", "file", "write the JSON Lines trace to this file, not to stdout",
        (chosen, value) => chosen.TracePath = value);

    public static readonly CommandOption Memory = new("--memory", null,
        "bytes allocated while starting, the most one boot and one tick allocate, as one JSON line to stderr",
        (chosen, _) => chosen.Memory = true);

    public static readonly CommandOption ConsolePty = new("--console-pty", null,
        "the technician console alone on a pseudo-terminal for a terminal program (its path is printed)",
        (chosen, _) => chosen.ConsolePty = true);

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

namespace ChargeController.PileUpdate;

/// <summary>A command's options: `--name value` pairs, flags (named in <see cref="Flags"/>) and the remaining operands.</summary>
internal sealed class Options
{
    private static readonly string[] Flags = { "--allow-older" };
    private readonly Dictionary<string, string> _values = new();
    private readonly HashSet<string> _flags = new();

    public List<string> Operands { get; } = new();

    public static Options? Parse(string[] args, out string? problem)
    {
        problem = null;
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--"))
                options.Operands.Add(arg);
            else if (Flags.Contains(arg))
                options._flags.Add(arg);
            else if (i + 1 >= args.Length || args[i + 1].StartsWith("--"))
                problem = $"{arg} needs a value";
            else if (!options._values.TryAdd(arg, args[++i]))
                problem = $"{arg} is given twice";
            if (problem != null)
                return null;
        }
        return options;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The options a command does not know: a typing error should not pass silently.</summary>
    public string? Unknown(params string[] known) =>
        _values.Keys.Concat(_flags).FirstOrDefault(name => !known.Contains(name)) is { } unknown ? $"unknown option {unknown}" : null;
}

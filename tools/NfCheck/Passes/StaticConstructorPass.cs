namespace ChargeController.NfCheck.Passes;

/// <summary>
/// Another type's static field read while a static constructor runs. nanoCLR runs every static constructor once at
/// start-up, before Main, on a thread of its own: assembly after assembly in load order (its check that an assembly's
/// references ran first never holds it back), and within one assembly in MetadataProcessor's type order. Reading a static
/// field, calling a static method or making an instance never runs the owning type's constructor, as .NET does first.
/// So a static constructor (a static field initializer runs in it) that reads another type's field, directly or in a
/// method it calls, sees null or 0 whenever that type's turn comes later: string.Empty read while ConsoleCommands was
/// built came back null. Only fields their own type's constructor sets are reported (one set nowhere reads the same on
/// both), and a type's own fields pass: they are set in textual order on both.
/// </summary>
public sealed class StaticConstructorPass : ICheckPass
{
    private readonly CallGraph _graph;

    public StaticConstructorPass(CallGraph graph) => _graph = graph;

    public void Run(CheckedAssembly assembly)
    {
        var reader = assembly.Reader;
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = TypeNames.Of(reader, handle);
            if (_graph.StaticConstructorOf(type) is not { } constructor)
                continue;
            foreach (var (field, via) in _graph.StaticReads(constructor))
                if (field.Type != type && _graph.IsSetAtStartUp(field))
                    assembly.Report(Rule.StaticInitOrder, type + "::.cctor", Message(type, field, via));
        }
    }

    private static string Message(string type, StaticField field, IReadOnlyList<string> via)
    {
        // the calls without their parameter lists: a constructor's can be longer than the rest of the message
        var through = via.Count == 0 ? "" : " (through " + string.Join(" > ", via.Select(call => call[..call.IndexOf('(')])) + ")";
        return $"reads {field}{through} while static constructors run: nanoCLR runs each one once at start-up in an order " +
            $"of its own, and reading a field does not run its type's constructor first as .NET does, so {field.Name} may " +
            $"still be null or 0 here. Use a literal or a const, a static field of {ShortName(type)} declared above, or " +
            "build the value at first use.";
    }

    private static string ShortName(string type) => type[(type.LastIndexOfAny(new[] { '.', '+' }) + 1)..];
}

using ChargeController.NfCheck;
using ChargeController.Tools;

// Exit code: 0 nothing found, 1 findings or a file that is no assembly, 2 bad usage.
var cli = new CommandLine("nfcheck", """
    usage: nfcheck [--reference <dll>]... [--allow <AssemblyName>]... <device assembly or folder>...
      checks that device assemblies run on nanoFramework (docs/nfcheck.md); a folder stands for the dlls in it;
      an assembly a checked one references is read from beside it when it is not named.
      --reference <dll>       an assembly read but not checked (nanoFramework's mscorlib)
      --allow <AssemblyName>  a nanoFramework device library the assemblies may reference
    """);
return cli.Run(args, args =>
{
    var named = new List<string>();
    var references = new List<string>();
    var allowed = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        var takesValue = args[i] is "--reference" or "--allow";
        if (takesValue && i + 1 >= args.Length)
            return cli.Usage($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--reference": references.Add(args[++i]); break;
            case "--allow": allowed.Add(args[++i]); break;
            default:
                if (args[i].StartsWith("--"))
                    return cli.Usage($"unknown option {args[i]}");
                named.Add(args[i]);
                break;
        }
    }
    if (named.Count == 0)
        return cli.Usage("no assembly to check");
    foreach (var path in named.Where(p => !Directory.Exists(p)).Concat(references).Where(p => !File.Exists(p)))
        return cli.Usage($"no such file: {path}");
    var assemblies = AssemblyFiles.Expand(named, out var problem);
    problem ??= references.Select(AssemblyFiles.NotAnAssembly).FirstOrDefault(p => p != null);
    if (assemblies == null || problem != null)
        return cli.Fail(problem!);
    var siblings = AssemblyFiles.Siblings(assemblies, references);
    references.AddRange(siblings);
    allowed.AddRange(siblings.Select(Path.GetFileNameWithoutExtension)!);

    var result = new Checker(assemblies, references, allowed).Run();
    foreach (var size in result.Sizes)
        foreach (var line in size.Lines())
            Console.WriteLine(line);
    foreach (var finding in result.Findings)
        Console.WriteLine(finding);
    Console.WriteLine(result.Findings.Count == 0
        ? $"nfcheck: {assemblies.Count} assemblies, nothing found"
        : $"nfcheck: {result.Findings.Count} findings in {assemblies.Count} assemblies");
    return result.Findings.Count == 0 ? CommandLine.Ok : CommandLine.Failed;
});

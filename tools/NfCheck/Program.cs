using ChargeController.NfCheck;

// nfcheck [--reference <dll>]... [--allow <AssemblyName>]... <device assembly>...
// Exit code: 0 nothing found, 1 findings, 2 bad usage.
var assemblies = new List<string>();
var references = new List<string>();
var allowed = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    var takesValue = args[i] is "--reference" or "--allow";
    if (takesValue && i + 1 >= args.Length)
        return Usage($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--reference": references.Add(args[++i]); break;
        case "--allow": allowed.Add(args[++i]); break;
        default:
            if (args[i].StartsWith("--"))
                return Usage($"unknown option {args[i]}");
            assemblies.Add(args[i]);
            break;
    }
}
if (assemblies.Count == 0)
    return Usage("no assembly to check");
foreach (var path in assemblies.Concat(references).Where(p => !File.Exists(p)))
    return Usage($"no such file: {path}");

var result = new Checker(assemblies, references, allowed).Run();
foreach (var size in result.Sizes)
    foreach (var line in size.Lines())
        Console.WriteLine(line);
foreach (var finding in result.Findings)
    Console.WriteLine(finding);
Console.WriteLine(result.Findings.Count == 0
    ? $"nfcheck: {assemblies.Count} assemblies, nothing found"
    : $"nfcheck: {result.Findings.Count} findings in {assemblies.Count} assemblies");
return result.Findings.Count == 0 ? 0 : 1;

static int Usage(string problem)
{
    Console.Error.WriteLine($"nfcheck: {problem}");
    Console.Error.WriteLine("usage: nfcheck [--reference <dll>]... [--allow <AssemblyName>]... <device assembly>...");
    return 2;
}

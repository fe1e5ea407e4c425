using System.Reflection;

namespace ChargeController.Tools;

/// <summary>
/// The conventions every tool keeps: `--help` prints the usage on standard output (exit 0), `--version` the tool's
/// version; problems go to standard error as one line, exit 2 for bad usage and 1 for a failure; never a stack trace.
/// </summary>
internal sealed class CommandLine(string tool, string usage)
{
    public const int Ok = 0, Failed = 1, BadUsage = 2;

    public string Tool => tool;

    /// <summary>Runs the tool's body; an exception nobody expected ends as one line and exit 1, not a stack trace.</summary>
    public int Run(string[] args, Func<string[], int> body)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(usage);
            return Ok;
        }
        if (args.Contains("--version"))
        {
            Console.WriteLine($"{tool} {Assembly.GetEntryAssembly()!.GetName().Version!.ToString(3)}");
            return Ok;
        }
        try
        {
            return body(args);
        }
        catch (Exception e)
        {
            return Fail($"unexpected error ({e.GetType().Name}): {e.Message}");
        }
    }

    /// <summary>Bad usage: the problem, then the usage, on standard error.</summary>
    public int Usage(string problem)
    {
        Console.Error.WriteLine($"{tool}: {problem}");
        Console.Error.WriteLine(usage);
        return BadUsage;
    }

    /// <summary>A failure: one line on standard error saying what went wrong and what to do.</summary>
    public int Fail(string problem)
    {
        Console.Error.WriteLine($"{tool}: {problem}");
        return Failed;
    }
}

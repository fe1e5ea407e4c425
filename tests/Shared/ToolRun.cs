using System.Diagnostics;

namespace ChargeController.TestSupport;

/// <summary>One run of a tool as a user runs it: a separate process, its standard output, standard error and exit code.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Runs <paramref name="tool"/>.dll (built beside the tests) with <paramref name="arguments"/>, typing <paramref name="input"/>.</summary>
    public static ToolRun Of(string tool, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, tool + ".dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (input != null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish");
        }
        return new ToolRun(process.ExitCode, output.Result, errors.Result);
    }
}

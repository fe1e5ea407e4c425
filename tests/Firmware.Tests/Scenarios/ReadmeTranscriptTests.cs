using System.Text.RegularExpressions;
using ChargeController.Firmware.Config;
using ChargeController.PileSim;
using ChargeController.PileSim.Broker;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>
/// The README's interactive transcript is what the interactive PileSim prints: its typed lines are typed into the
/// pile (with the embedded broker, as `dotnet run --project tools/PileSim` starts it) on virtual time, and what the pile
/// prints, with the typed lines between, must be the README's block line for line; only the embedded broker's port,
/// chosen by the system, is the README's.
///
/// Each line is typed two seconds after the last line the pile printed before it (the README's times follow from that).
/// </summary>
public partial class ReadmeTranscriptTests
{
    private const string Command = "$ dotnet run --project tools/PileSim";
    private const int TypedAfterMs = 2000;

    [GeneratedRegex(@"^ +(\d+)\.(\d{3}) s  ")]
    private static partial Regex TimedLine();

    [GeneratedRegex(@"(127\.0\.0\.1:|-p )(\d+)")]
    private static partial Regex BrokerPort();

    [Fact]
    public void TheReadmesInteractiveTranscriptIsWhatPileSimPrints()
    {
        var readme = Transcript(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "README.md")));
        var typed = TypedLines(readme);
        Assert.NotEmpty(typed);
        Assert.Equal("quit", typed[^1].Line);

        var output = new StringWriter();
        using (var broker = BrokerSession.Open(BrokerSettings.From(new ChosenOptions(), embeddedWhenAbsent: true, out _)!, out var failure))
        {
            Assert.True(broker != null, failure);
            InteractivePile.Run(new PileConfig(), broker!, () => new ScriptedKeyboard(typed, echo: output), output);
        }
        var readmePort = BrokerPort().Match(string.Join("\n", readme)).Groups[2].Value;
        var printed = output.ToString().Split('\n')[..^1].Select(line => BrokerPort().Replace(line, match => match.Groups[1].Value + readmePort)).ToArray();
        var actualPath = Path.Combine(Path.GetTempPath(), "README-transcript.actual.txt");
        File.WriteAllLines(actualPath, printed.Prepend(Command));
        Assert.True(readme.SequenceEqual(printed.Prepend(Command)),
            $"README.md's transcript differs from what PileSim prints (the run's transcript: {actualPath}); first difference at line " +
            $"{readme.Zip(printed.Prepend(Command)).TakeWhile(pair => pair.First == pair.Second).Count() + 1}");
    }

    /// <summary>The block that starts with the command, without its fences.</summary>
    private static string[] Transcript(string[] readme)
    {
        var start = Array.IndexOf(readme, Command);
        Assert.True(start > 0 && readme[start - 1] == "```", $"README.md has no block starting with '{Command}'");
        var end = Array.IndexOf(readme, "```", start);
        return readme[start..end];
    }

    /// <summary>After the first timed line, a line that is not indented was typed: two seconds after the timed line before it.</summary>
    private static List<(long AtMs, string Line)> TypedLines(string[] transcript)
    {
        var typed = new List<(long, string)>();
        var lastTimeMs = 0L;
        for (var i = Array.FindIndex(transcript, line => TimedLine().IsMatch(line)); i < transcript.Length; i++)
        {
            var match = TimedLine().Match(transcript[i]);
            if (match.Success)
                lastTimeMs = long.Parse(match.Groups[1].Value) * 1000 + long.Parse(match.Groups[2].Value);
            else if (!transcript[i].StartsWith(' '))
                typed.Add((lastTimeMs + TypedAfterMs, transcript[i]));
        }
        return typed;
    }
}

using System.Text.Json;
using ChargeController.PileSim;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>
/// The update scenarios of tests/scenarios/updates: PileSim's package desk serves the packages beside them (made by
/// make-packages.sh with PileUpdate's keygen and pack) on the simulated broker. Each gives exactly its stored trace, and
/// ends where it must: the version the pile reports in its status, the last update event's state and reason.
/// Regenerate a trace with `dotnet run --project tools/PileSim -- run tests/scenarios/updates/&lt;name&gt;.scn --trace
/// tests/scenarios/updates/&lt;name&gt;.trace.jsonl` and read the diff.
/// </summary>
public class UpdateScenarioTests
{
    public static readonly string Folder = Path.Combine(ScenarioFileTests.Folder, "updates");

    public static IEnumerable<object[]> Scenarios() => ScenarioFileTests.NamesIn(Folder);

    /// <summary>Scenario: the firmware the pile's last status reports, the last update event's state, its reason (or null).</summary>
    public static readonly Dictionary<string, (string Firmware, string State, string? Reason)> Ends = new()
    {
        ["update-confirmed"] = ("1.4.0", "confirmed", null),
        ["update-bad-signature"] = ("1.0.0", "rejected", "bad-signature"),
        ["update-tampered"] = ("1.0.0", "rejected", "file-hash"),
        ["update-older"] = ("1.4.0", "rejected", "older-version"),
        ["update-crash-loop"] = ("1.0.0", "rolled-back", "crash-loop"),
        ["update-power-cut-staging"] = ("1.4.0", "confirmed", null),
        ["update-power-cut-switch"] = ("1.4.0", "confirmed", null),
        ["update-link-drop"] = ("1.4.0", "confirmed", null),
        ["update-key-rotation"] = ("1.6.0", "confirmed", null),
    };

    public static List<string> Run(string name) => Run(name, out _);

    private static List<string> Run(string name, out SimulatedPile pile) =>
        RunText(File.ReadAllText(Path.Combine(Folder, name + ".scn")), out pile);

    /// <summary>A scenario's text run as if it were a file in <see cref="Folder"/> (its paths are from there).</summary>
    private static List<string> RunText(string text, out SimulatedPile pile)
    {
        var path = Path.Combine(Folder, "inline.scn");
        var parse = ScenarioParser.Parse(text);
        Assert.True(parse.Succeeded, parse.Error);
        var recorder = new RecordingWriter();
        pile = new SimulatedPile(ScenarioRunner.ConfigFor(parse.Steps), recorder);
        PackageDesk.Attach(pile, path);
        Assert.Null(ScenarioRunner.Run(pile, parse.Steps));
        return recorder.Lines;
    }

    [Fact]
    public void AfterTheRotationThePileHoldsTheNewKeyAndStillTrustsThePackageThatNamedIt()
    {
        var lines = Run("update-key-rotation", out var pile);
        var rejected = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(l => Ev(l) == "update" &&
            l.GetProperty("state").GetString() == "rejected").Select(l => l.GetProperty("reason").GetString());
        Assert.Equal(new[] { "unknown-key" }, rejected);
        var bytes = pile.Store.DurableContent(Loader.UpdateKey.FileName);
        var key = new Loader.UpdateKey();
        Assert.True(key.Read(bytes, 0, bytes.Length));
        Assert.Equal("op-sim-b", key.KeyId);
        Assert.Equal("op-sim-a", key.PreviousKeyId);
        var verifier = new Loader.SlotVerifier(new Firmware.Storage.LoaderFiles(pile.Store));
        Assert.Null(verifier.Check(0, key)); // 1.5.0, signed with the old key: the previous slot to roll back to
        Assert.Null(verifier.Check(1, key)); // 1.6.0, signed with the new one, running
        Assert.Equal(1, pile.Loader.Slot);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void TraceMatchesTheStoredTrace(string name) =>
        Assert.Equal(File.ReadAllLines(Path.Combine(Folder, name + ".trace.jsonl")), Run(name));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EndsWhereItMust(string name)
    {
        var lines = Run(name).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var status = lines.Last(l => Ev(l) == "mqtt" && l.GetProperty("topic").GetString()!.EndsWith("/status") &&
            l.GetProperty("payload").GetProperty("online").GetBoolean()).GetProperty("payload");
        var update = lines.Last(l => Ev(l) == "update");
        var end = Ends[name];
        Assert.Equal(end.Firmware, status.GetProperty("firmware").GetString());
        Assert.Equal(end.State, update.GetProperty("state").GetString());
        Assert.Equal(end.Reason, update.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    [Fact]
    public void EveryScenarioHasItsEnd() => Assert.Equal(Ends.Keys.Order(), Scenarios().Select(s => (string)s[0]).Order());

    [Fact]
    public void ThePowerCutsFallWhereTheirScenariosSay()
    {
        // during staging: the pile boots from the cut and resumes the download (no second offer, a first chunk again)
        var staging = Run("update-power-cut-staging").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var restored = staging.FindIndex(l => Ev(l) == "boot" && l.GetProperty("reason").GetString() == "PowerLoss");
        Assert.True(restored > 0);
        Assert.DoesNotContain(staging.Skip(restored), l => Ev(l) == "update" && l.GetProperty("state").GetString() == "offered");
        Assert.Contains(staging.Take(restored), l => Ev(l) == "update" && l.GetProperty("state").GetString() == "downloading" &&
            l.GetProperty("file").GetString() == "ChargeController.Firmware.pe");
        // at the switch: the pile came up on the version it ran and switched again
        var switching = Run("update-power-cut-switch").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var states = switching.Where(l => Ev(l) == "update").Select(l => l.GetProperty("state").GetString()).ToList();
        Assert.Equal(2, states.Count(s => s == "switching"));
    }

    [Fact]
    public void APowerCutAsTheLoaderSavesTheSlotRecordStopsThatBootBeforeTheFirmware()
    {
        // 200 bytes into the switch's writes: past its records, into the loader's save at the planned reboot
        var text = File.ReadAllText(Path.Combine(Folder, "update-power-cut-switch.scn")).Replace("power cut after 100B", "power cut after 200B");
        var lines = RunText(text, out var pile).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var boots = lines.Where(l => Ev(l) == "boot").Select(l => (l.GetProperty("t").GetInt64(), l.GetProperty("reason").GetString()!,
            l.GetProperty("number").GetInt32())).ToList();
        Assert.Equal(new[] { (0L, "PowerOn", 1), (5000L, "Planned", 2) }, boots); // nothing booted on the dead flash
        Assert.Equal("confirmed", lines.Last(l => Ev(l) == "update").GetProperty("state").GetString());
        Assert.Equal(0, pile.Loader.Slot);
    }

    private static string Ev(JsonElement line) => line.GetProperty("ev").GetString()!;
}

using ChargeController.Firmware.Updates;
using ChargeController.Loader;
using ChargeController.Sim.Scenarios;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileUpdate;

/// <summary>
/// `PileUpdate rollout` as the operator runs it (a process of its own, the platform's account on the county's mosquitto)
/// against simulated piles on their own accounts: a package signed by keygen's key and made by pack reaches every pile and
/// each confirms; a crash-looping version is rolled back on its canary and no other pile is offered it; a tampered file is
/// refused (file-hash) on the canary; a wave whose failures pass --stop-after stops the rollout before the next wave.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class RolloutOnMosquittoTests : IDisposable
{
    private readonly Mosquitto _broker;
    private readonly string _dir = Directory.CreateTempSubdirectory("rollout-").FullName;

    public RolloutOnMosquittoTests(BrokerFixture fixture) => _broker = fixture.Broker;

    public void Dispose()
    {
        using var platform = new Platform(_broker);
        foreach (var pile in Mosquitto.Piles)
            platform.Send($"piles/{pile}/status", "", retain: true); // no retained status left for the other tests
        Directory.Delete(_dir, true);
    }

    private static ToolRun Tool(params string[] arguments) => ToolRun.Of("PileUpdate", null, arguments);

    /// <summary>A key pair made by keygen; its update-key.bin.</summary>
    private byte[] Keys(string name)
    {
        var run = Tool("keygen", "--out", Path.Combine(_dir, name), "--key-id", "op-" + name);
        Assert.True(run.ExitCode == 0, run.Errors);
        return File.ReadAllBytes(Path.Combine(_dir, name, "update-key.bin"));
    }

    /// <summary>A package made by pack from two files (and a file named crash-loop: the simulated board then dies at each boot).</summary>
    private string Package(string keys, bool crashLoop = false)
    {
        var files = new List<string>();
        foreach (var (name, bytes) in new[] { ("ChargeController.Firmware.pe", 9000), ("ChargeController.App.pe", 700) })
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllBytes(path, Enumerable.Range(0, bytes).Select(i => (byte)(i * 31 + 7)).ToArray());
            files.Add(path);
        }
        if (crashLoop)
        {
            files.Add(Path.Combine(_dir, SimLoader.CrashMarker));
            File.WriteAllBytes(files[^1], new byte[] { 1 });
        }
        var package = Path.Combine(_dir, "package");
        var run = Tool(new[] { "pack", "--key", Path.Combine(_dir, keys, "update-private.pem"), "--version", "1.4.0", "--board", "esp32-wrover",
            "--expires-days", "90", "--out", package }.Concat(files).ToArray());
        Assert.True(run.ExitCode == 0, run.Errors);
        return package;
    }

    private string Waves(params string[] waves)
    {
        var file = Path.Combine(_dir, "waves.txt");
        File.WriteAllLines(file, waves);
        return file;
    }

    private ToolRun Rollout(string package, string canary, string waves, string stopAfter = "0%") =>
        Tool("rollout", "--broker", "127.0.0.1:" + _broker.Port, "--user", Mosquitto.Platform, "--password", Mosquitto.PasswordOf(Mosquitto.Platform),
            "--package", package, "--canary", canary, "--waves", "list:" + waves, "--stop-after", stopAfter, "--ttl-s", "30", "--wave-timeout-min", "2");

    /// <summary>The table's row of <paramref name="pile"/>: its cells.</summary>
    private static string[] Row(ToolRun run, string pile) =>
        run.Output.Split('\n').Single(line => line.StartsWith(pile + " ", StringComparison.Ordinal)).Split("  ", StringSplitOptions.RemoveEmptyEntries)
            .Select(cell => cell.Trim()).ToArray();

    [Fact]
    public void ASignedPackageReachesEveryPileInWavesAndEachConfirms()
    {
        var key = Keys("a");
        var package = Package("a");
        using var fleet = new SimulatedFleet(_broker, new Dictionary<string, byte[]> { ["cc-0001"] = key, ["cc-0002"] = key, ["cc-0003"] = key });
        var run = Rollout(package, "cc-0001", Waves("cc-0002", "cc-0003"));

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Equal(new[] { "cc-0001 (canary)", "1.0.0", "1.4.0", "confirmed" }, Row(run, "cc-0001"));
        Assert.Equal(new[] { "cc-0002", "1.0.0", "1.4.0", "confirmed" }, Row(run, "cc-0002"));
        Assert.Equal(new[] { "cc-0003", "1.0.0", "1.4.0", "confirmed" }, Row(run, "cc-0003"));
        Assert.Contains("every pile (3) confirmed 1.4.0", run.Output);
        // the piles themselves: each runs the new slot, confirmed
        Assert.All(fleet.Read(piles => piles.Values.Select(p => p.Runtime.Updates.Slots).ToList()), slots =>
        {
            Assert.False(slots.Trial);
            Assert.Equal(UpdateVersion.Parse("1.4.0"), slots.HighestVersion);
        });
    }

    [Fact]
    public void ACrashLoopingVersionIsRolledBackOnItsCanaryAndTheRolloutStops()
    {
        var key = Keys("b");
        var package = Package("b", crashLoop: true);
        using var fleet = new SimulatedFleet(_broker, new Dictionary<string, byte[]> { ["cc-0001"] = key, ["cc-0002"] = key });
        var run = Rollout(package, "cc-0001", Waves("cc-0002"), stopAfter: "100%"); // a canary that fails stops it, whatever the threshold

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "cc-0001 (canary)", "1.0.0", "1.4.0", "rolled-back", "crash-loop" }, Row(run, "cc-0001"));
        Assert.Equal(new[] { "cc-0002", "1.0.0", "1.4.0", "not-offered", "the rollout stopped" }, Row(run, "cc-0002"));
        Assert.Contains("PileUpdate: stopped: canary cc-0001 rolled-back (crash-loop); 0 of 2 piles confirmed 1.4.0", run.Errors);
        // the canary runs its old version again; the other pile never heard of the package
        Assert.Equal(UpdateVersion.Parse("1.0.0"), fleet.Read(piles => piles["cc-0001"].Runtime.Updates.RunningVersion));
        Assert.Equal((UpdateStates.Idle, UpdateStates.Idle),
            fleet.Read(piles => (piles["cc-0002"].Runtime.Updates.State, piles["cc-0002"].Runtime.Updates.Outcome)));
    }

    [Fact]
    public void ATamperedPackageIsRefusedOnItsCanaryWithTheReason()
    {
        var key = Keys("c");
        var package = Package("c");
        var firmware = Path.Combine(package, "ChargeController.Firmware.pe");
        var bytes = File.ReadAllBytes(firmware);
        bytes[4000] ^= 0x20; // the same size, one bit different: the manifest's hash no longer matches
        File.WriteAllBytes(firmware, bytes);
        using var fleet = new SimulatedFleet(_broker, new Dictionary<string, byte[]> { ["cc-0001"] = key, ["cc-0002"] = key });
        var run = Rollout(package, "cc-0001", Waves("cc-0002"), stopAfter: "50%");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "cc-0001 (canary)", "1.0.0", "1.4.0", "rejected", "file-hash" }, Row(run, "cc-0001"));
        Assert.Equal("not-offered", Row(run, "cc-0002")[3]);
    }

    [Fact]
    public void FailuresPastTheThresholdStopTheRolloutBeforeTheNextWave()
    {
        var key = Keys("d");
        var stranger = Keys("e"); // cc-0002 and cc-0003 hold another operator's key: they refuse the package
        var package = Package("d");
        using var fleet = new SimulatedFleet(_broker,
            new Dictionary<string, byte[]> { ["cc-0001"] = key, ["cc-0002"] = stranger, ["cc-0003"] = key, ["cc-0004"] = key });
        var run = Rollout(package, "cc-0001", Waves("cc-0002 cc-0003", "cc-0004"), stopAfter: "30%");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("confirmed", Row(run, "cc-0001")[3]);
        Assert.Equal(new[] { "rejected", "unknown-key" }, Row(run, "cc-0002")[3..]);
        // offered in the same wave: the package withdrawn at the stop ends its download unless it had it all by then
        Assert.Contains(string.Join(' ', Row(run, "cc-0003")[3..]), new[] { "confirmed", "rejected not-found" });
        Assert.Equal("not-offered", Row(run, "cc-0004")[3]);
        Assert.Contains("PileUpdate: stopped: 1 of 3 piles offered failed, more than 30 %", run.Errors);
    }
}

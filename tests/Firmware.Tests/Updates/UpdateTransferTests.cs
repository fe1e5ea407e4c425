using ChargeController.Firmware.Updates;
using ChargeController.Tests.Link;
using Xunit;

namespace ChargeController.Tests.Updates;

/// <summary>
/// The pile pulls a package over the simulated link: chunk by chunk, one request outstanding, each chunk staged in the
/// inactive slot before the next is asked for, and it resumes where the staged file ends after a lost link or a reboot.
/// Judged from what reached the flash and the broker.
/// </summary>
public class UpdateTransferTests
{
    [Fact]
    public void APackageIsStagedWholeAndVerified()
    {
        using var rig = new UpdateRig(fileBytes: 9000);
        rig.Offer(1000);
        rig.RunUntilSettled(120_000);

        Assert.Contains("verified", rig.EventStates());
        Assert.Equal(rig.Manifest, rig.Staged("manifest.json"));
        Assert.Equal(rig.FileBytes, rig.Staged("App.pe"));
        var states = rig.EventStates();
        Assert.Equal("offered", states[0]);
        Assert.Contains("downloading", states);
        Assert.Equal(new[] { "verified", "switching" }, states.SkipWhile(s => s != "verified").Take(2));
        var result = rig.Broker.On("/cmd/result").Single();
        Assert.Equal("Accepted", result.GetProperty("status").GetString());
    }

    [Fact]
    public void OneRequestIsOutstandingAndEachAsksWhereTheStagedFileEnds()
    {
        using var rig = new UpdateRig(fileBytes: 9000);
        rig.Offer(1000);
        rig.RunUntilSettled(120_000);

        // 2,048-byte chunks from 0 up, each asked once (nothing was lost on this link): 5 for App.pe, 1 each for the manifest and signature
        var app = rig.Requests.Where(r => r.File == "App.pe").Select(r => r.Offset).ToList();
        Assert.Equal(new[] { 0, 2048, 4096, 6144, 8192 }, app);
        Assert.Equal(7, rig.Requests.Count);
    }

    [Fact]
    public void AnAnswerToAnotherChunkIsDroppedAndTheChunkAskedAgain()
    {
        using var rig = new UpdateRig(fileBytes: 9000) { StaleAnswers = true };
        rig.Offer(1000);
        rig.RunUntilSettled(300_000);

        Assert.Contains("verified", rig.EventStates());
        Assert.Equal(rig.FileBytes, rig.Staged("App.pe"));
        var asked = rig.Requests.Where(r => r.File == "App.pe").ToList();
        Assert.True(asked.Count > 5, "the chunks whose answer was crowded out by a stale one were asked again");
        var again = asked.Where((r, i) => i > 0 && r.Offset == asked[i - 1].Offset).ToList();
        Assert.All(again, r => Assert.True(r.AtMs - asked.Last(a => a.Offset == r.Offset && a.AtMs < r.AtMs).AtMs >= 10_000,
            "asked again only after update.chunkTimeoutMs"));
    }

    [Fact]
    public void ALostLinkResumesWhereTheStagedFileEnds()
    {
        using var rig = new UpdateRig(fileBytes: 40_000, keepAliveS: 30);
        rig.Sim.Link.Downlink.BytesPerS = 2048;
        rig.Offer(1000);
        LinkRun.Do(rig.Sim, 8500, "link down"); // the answer to the chunk asked at 8.06 s is on its way: lost with the link
        LinkRun.Do(rig.Sim, 20_000, "link up");
        rig.RunUntilSettled(300_000);

        Assert.Contains("verified", rig.EventStates());
        Assert.Equal(rig.FileBytes, rig.Staged("App.pe"));
        var offsets = rig.Requests.Where(r => r.File == "App.pe").Select(r => r.Offset).ToList();
        Assert.True(offsets.Count > offsets.Distinct().Count(), "the chunk lost with the link is asked again: " + string.Join(",", rig.Requests));
        for (var i = 1; i < offsets.Count; i++)
            Assert.True(offsets[i] >= offsets[i - 1], "never back to an earlier offset: " + string.Join(",", offsets));
    }

    [Fact]
    public void APowerCutResumesFromTheStagedLengthAndHashesItAgain()
    {
        using var rig = new UpdateRig(fileBytes: 20_000);
        rig.Sim.Link.Downlink.BytesPerS = 2048;
        rig.Offer(1000);
        rig.Sim.AdvanceTo(7000);
        var stagedBefore = rig.Staged("App.pe").Length;
        Assert.InRange(stagedBefore, 1, 19_999);
        LinkRun.Do(rig.Sim, 7010, "power cut");
        LinkRun.Do(rig.Sim, 9000, "power restore");
        rig.RunUntilSettled(200_000);

        Assert.Contains("verified", rig.EventStates());
        Assert.Equal(rig.FileBytes, rig.Staged("App.pe"));
        var after = rig.Requests.Where(r => r.File == "App.pe" && r.AtMs >= 9000).Select(r => r.Offset).First();
        Assert.Equal(stagedBefore, after);
    }

    [Fact]
    public void ATamperedFileIsRejected()
    {
        using var rig = new UpdateRig(fileBytes: 5000);
        var served = (byte[])rig.FileBytes.Clone();
        served[4000] ^= 1; // the manifest keeps the true digest
        File.WriteAllBytes(Path.Combine(rig.Folder, "App.pe"), served);
        rig.Offer(1000);
        rig.RunUntilSettled(120_000);

        Assert.Equal(UpdateStates.Idle, rig.Sim.Runtime.Updates.State);
        var last = rig.Broker.Events().Last(e => e.GetProperty("event").GetString() == "update");
        Assert.Equal("rejected", last.GetProperty("state").GetString());
        Assert.Equal("file-hash", last.GetProperty("reason").GetString());
    }

    [Fact]
    public void APackageTheServerDoesNotHaveIsRejectedNotFound()
    {
        using var rig = new UpdateRig();
        rig.Offer(1000, "cc-9.9.9");
        rig.RunUntilSettled(60_000);

        var last = rig.Broker.Events().Last(e => e.GetProperty("event").GetString() == "update");
        Assert.Equal("not-found", last.GetProperty("reason").GetString());
    }

    [Fact]
    public void AManifestSignedByAnotherKeyStopsBeforeAnyFile()
    {
        using var rig = new UpdateRig(signer: TestPackage.Stranger);
        rig.Offer(1000);
        rig.RunUntilSettled(60_000);

        Assert.DoesNotContain(rig.Requests, r => r.File == "App.pe");
        var last = rig.Broker.Events().Last(e => e.GetProperty("event").GetString() == "update");
        Assert.Equal("bad-signature", last.GetProperty("reason").GetString());
    }

    [Fact]
    public void ASecondOfferWhileOneRunsIsBusy()
    {
        using var rig = new UpdateRig(fileBytes: 30_000);
        rig.Sim.Link.Downlink.BytesPerS = 2048;
        rig.Offer(1000);
        LinkRun.Do(rig.Sim, 3000, "cmd {\"v\":1,\"id\":\"u2\",\"cmd\":\"update\",\"ttlS\":60,\"package\":\"cc-2.0.0\",\"manifestBytes\":100}");
        rig.Sim.AdvanceTo(4000);

        var second = rig.Broker.On("/cmd/result").Single(r => r.GetProperty("id").GetString() == "u2");
        Assert.Equal("busy", second.GetProperty("reason").GetString());
    }

    /// <summary>150 KB over a link of 2 KB/s that drops for 10 s every minute: it completes, each drop resumed where the file ended.</summary>
    [Fact]
    public void A150KbPackageOnA2KbLinkThatDropsEveryMinuteCompletes()
    {
        using var rig = new UpdateRig(fileBytes: 150 * 1024, keepAliveS: 30);
        rig.Sim.Link.Downlink.BytesPerS = 2048;
        rig.Offer(1000);
        rig.Sim.AdvanceTo(2000);
        var drops = 0;
        for (var minute = 1; rig.Sim.Runtime.Updates.State == UpdateStates.Downloading && minute < 30; minute++)
        {
            LinkRun.Do(rig.Sim, minute * 60_000, "link down");
            LinkRun.Do(rig.Sim, minute * 60_000 + 10_000, "link up");
            drops++;
        }
        rig.RunUntilSettled(rig.Sim.NowMs + 600_000);

        Assert.Contains("verified", rig.EventStates());
        Assert.Equal(rig.FileBytes, rig.Staged("App.pe"));
        Assert.True(drops >= 2, $"the link dropped {drops} times during the download");
        var offsets = rig.Requests.Where(r => r.File == "App.pe").Select(r => r.Offset).ToList();
        for (var i = 1; i < offsets.Count; i++)
            Assert.True(offsets[i] >= offsets[i - 1], "a drop never starts the file again");
        var progress = rig.Broker.Events().Count(e => e.GetProperty("event").GetString() == "update" &&
            e.GetProperty("state").GetString() == "downloading");
        Assert.InRange(progress, 10, 10 + (int)(rig.Sim.NowMs / UpdateAgent.ProgressEveryMs) + 1); // each tenth, or once a minute
    }
}

using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Storage;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>config, tariff, schedule and fleet-list: validated, stored, reloaded, and refused without a trace.</summary>
public class TableCommandTests
{
    // 2025-11-24 was a Monday; 10:00 and 20:00 in China (UTC+8).
    private const long MondayTenLocal = 1_763_949_600;
    private const long MondayEightPmLocal = MondayTenLocal + 10 * 3600;

    private static string Slots(Func<int, int> band) => "[" + string.Join(",", Enumerable.Range(0, 48).Select(band)) + "]";

    private const string WorkingHours = "\"days\":[[480,1080],[480,1080],[480,1080],[480,1080],[480,1080],[0,0],[0,0]]";

    [Fact]
    public void ConfigGetReadsTheStoredValuesAndSaysTheyApplyFromTheNextBoot()
    {
        var f = new CommandFixture("pile.ratedCurrentA=16");
        ResultAssert.Accepted(f.Cmd("config", "\"op\":\"get\",\"keys\":[\"pile.ratedCurrentA\",\"auth.mode\"]"));
        var values = f.ResultJson().GetProperty("values");
        Assert.Equal("16", values.GetProperty("pile.ratedCurrentA").GetString());
        Assert.Equal("free", values.GetProperty("auth.mode").GetString());
        ResultAssert.Accepted(f.Cmd("config", "\"op\":\"set\",\"values\":{\"pile.ratedCurrentA\":20},\"confirm\":true"));
        var get = f.Cmd("config", "\"op\":\"get\",\"keys\":[\"pile.ratedCurrentA\"]");
        ResultAssert.Accepted(get);
        Assert.Equal("20", f.ResultJson().GetProperty("values").GetProperty("pile.ratedCurrentA").GetString());
        Assert.Equal(16_000, f.H.Pile.RatedMa); // stored, not in force: the answer must not claim it is
        Assert.Contains("next boot", get.Text);
        ResultAssert.Rejected(f.Cmd("config", "\"op\":\"get\",\"keys\":[\"no.such\"]"), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("config", "\"op\":\"get\",\"keys\":[]"), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("config", "\"op\":\"peek\""), CommandReasons.BadArgument);
    }

    [Fact]
    public void ConfigSetIsStoredAndAppliesAtTheNextBoot()
    {
        var f = new CommandFixture();
        ResultAssert.Accepted(f.Cmd("config", "\"op\":\"set\",\"values\":{\"auth.timeoutS\":300,\"auth.mode\":\"platform\"},\"confirm\":true"));
        var json = f.ResultJson();
        Assert.Equal(0, json.GetProperty("now").GetArrayLength());
        Assert.Equal(new[] { "auth.timeoutS", "auth.mode" }, json.GetProperty("nextBoot").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var stored = new PileConfig();
        Assert.Empty(new ConfigStore(f.H.Sim.Store).Load(stored, out _));
        Assert.Equal(300, stored.Get(ConfigKeys.AuthTimeoutS));
        Assert.Equal(1, stored.Get(ConfigKeys.AuthMode));
    }

    [Theory]
    [InlineData("\"op\":\"set\",\"values\":{\"auth.timeoutS\":5}", CommandReasons.BadArgument)]
    [InlineData("\"op\":\"set\",\"values\":{\"auth.timeoutS\":300,\"no.such\":1}", CommandReasons.BadArgument)]
    [InlineData("\"op\":\"set\",\"values\":{\"auth.timeoutS\":\"soon\"}", CommandReasons.BadArgument)]
    [InlineData("\"op\":\"set\",\"values\":{\"auth.timeoutS\":true}", CommandReasons.BadArgument)]
    [InlineData("\"op\":\"set\",\"values\":{}", CommandReasons.BadArgument)]
    [InlineData("\"op\":\"set\",\"values\":{\"pile.ratedCurrentA\":16}", CommandReasons.ConfirmRequired)]
    [InlineData("\"op\":\"set\",\"values\":{\"pile.ratedCurrentA\":16},\"confirm\":false", CommandReasons.ConfirmRequired)]
    [InlineData("\"op\":\"set\",\"values\":{\"pile.ratedCurrentA\":16},\"confirm\":1", CommandReasons.BadArgument)]
    public void ConfigSetRefusedChangesNothing(string args, string reason)
    {
        var f = new CommandFixture();
        ResultAssert.Rejected(f.Cmd("config", args), reason);
        Assert.DoesNotContain(ConfigStore.CopyNames, f.H.Sim.Store.Exists);
        Assert.Equal(120, f.H.Sim.Runtime.Config.Get(ConfigKeys.AuthTimeoutS));
        Assert.Equal(32, f.H.Sim.Runtime.Config.Get(ConfigKeys.RatedCurrentA));
    }

    [Fact]
    public void InstallationCriticalKeysChangeWithConfirm()
    {
        var f = new CommandFixture();
        ResultAssert.Accepted(f.Cmd("config", "\"op\":\"set\",\"values\":{\"pile.ratedCurrentA\":16},\"confirm\":true"));
        Assert.Equal(16, f.H.Sim.Runtime.Config.Get(ConfigKeys.RatedCurrentA));
    }

    [Fact]
    public void StorageFailureRefusesEveryStoredChange()
    {
        var f = new CommandFixture();
        f.H.Sim.Store.Broken = true;
        ResultAssert.Rejected(f.Cmd("config", "\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}"), CommandReasons.StorageFailed);
        ResultAssert.Rejected(f.Cmd("tariff", "\"version\":1,\"utcOffsetMin\":480,\"slots\":" + Slots(_ => 1)), CommandReasons.StorageFailed);
        ResultAssert.Rejected(f.Cmd("schedule", "\"version\":1,\"utcOffsetMin\":480," + WorkingHours), CommandReasons.StorageFailed);
        ResultAssert.Rejected(f.Cmd("fleet-list", "\"version\":1,\"mode\":\"replace\",\"tags\":[\"F1\"]"), CommandReasons.StorageFailed);
        Assert.Equal(120, f.H.Sim.Runtime.Config.Get(ConfigKeys.AuthTimeoutS));
        Assert.Equal((0, 0, 0), (f.Handler.Tariff.Version, f.Handler.Hours.Version, f.Handler.Fleet.Version));
    }

    [Fact]
    public void AStoredChangeFindingTheFlashWriteQueueFullIsRefusedAndChangesNothing()
    {
        var f = new CommandFixture();
        Assert.NotEqual(0, f.Flash.TryPost(new OtherWrite())); // another requester's write takes the queue's one slot
        var config = f.Cmd("config", "\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}");
        ResultAssert.Rejected(config, CommandReasons.StorageFailed);
        Assert.Equal("storage is busy with an earlier write; nothing changed", config.Text);
        var tariff = f.Cmd("tariff", "\"version\":1,\"utcOffsetMin\":480,\"slots\":" + Slots(_ => 1));
        ResultAssert.Rejected(tariff, CommandReasons.StorageFailed);
        Assert.Equal("storage is busy with an earlier write; nothing changed", tariff.Text);
        Assert.Equal(120, f.H.Sim.Runtime.Config.Get(ConfigKeys.AuthTimeoutS));
        Assert.Equal(0, f.Handler.Tariff.Version);
        Assert.False(f.Handler.AwaitsStorage);
        f.Flash.Run();
        ResultAssert.Accepted(f.Cmd("config", "\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}"));
        Assert.Equal(300, f.H.Sim.Runtime.Config.Get(ConfigKeys.AuthTimeoutS));
    }

    private sealed class OtherWrite : Firmware.Handoff.IFlashWrite
    {
        public bool Write() => true;
    }

    [Fact]
    public void TariffIsStoredAndSurvivesAReboot()
    {
        var f = new CommandFixture();
        // valley 23:00-07:00 (band 3), peak 07:00-23:00 (band 1), China time
        var slots = Slots(s => s < 14 || s >= 46 ? 3 : 1);
        ResultAssert.Accepted(f.Cmd("tariff", "\"version\":7,\"utcOffsetMin\":480,\"slots\":" + slots));
        var reloaded = f.NewHandler();
        Assert.Equal(7, reloaded.Tariff.Version);
        Assert.Equal(1, reloaded.Tariff.BandAt(MondayTenLocal));
        Assert.Equal(3, reloaded.Tariff.BandAt(MondayTenLocal - 4 * 3600)); // 06:00 local
        ResultAssert.Rejected(f.Cmd("tariff", "\"version\":7,\"utcOffsetMin\":480,\"slots\":" + slots), CommandReasons.StaleVersion);
    }

    [Theory]
    [InlineData("\"version\":1,\"utcOffsetMin\":480,\"slots\":[1,2]")]
    [InlineData("\"version\":1,\"utcOffsetMin\":900,\"slots\":S")]
    [InlineData("\"version\":0,\"utcOffsetMin\":480,\"slots\":S")]
    [InlineData("\"utcOffsetMin\":480,\"slots\":S")]
    [InlineData("\"version\":1,\"utcOffsetMin\":480,\"slots\":B")]
    [InlineData("\"version\":1,\"utcOffsetMin\":480,\"slots\":S,\"bands\":4")]
    public void BadTariffsAreRefused(string args)
    {
        var f = new CommandFixture();
        var r = f.Cmd("tariff", args.Replace("S", Slots(_ => 0)).Replace("B", Slots(s => s == 47 ? 4 : 0)));
        ResultAssert.Rejected(r, CommandReasons.BadArgument);
        Assert.False(f.H.Sim.Store.Exists(Tariff.FileName));
        Assert.Equal(0, f.Handler.Tariff.Version);
    }

    [Fact]
    public void OutsideOpeningHoursOnlyFleetTagsStart()
    {
        var f = new CommandFixture("auth.mode=platform");
        ResultAssert.Accepted(f.Cmd("schedule", "\"version\":3,\"utcOffsetMin\":480," + WorkingHours));
        ResultAssert.Accepted(f.Cmd("fleet-list", "\"version\":1,\"mode\":\"replace\",\"tags\":[\"FLEET-7\",\"FLEET-8\"]"));
        f.H.Pile.SetWallClock(MondayEightPmLocal);
        ResultAssert.Rejected(f.Cmd("start", "\"idTag\":\"PUBLIC-1\""), CommandReasons.Closed);
        Assert.False(f.H.Pile.Authorized);
        ResultAssert.Accepted(f.Cmd("start", "\"idTag\":\"FLEET-7\""));
        f.RunTo(100);
        f.H.At(100, "plug 32A");
        f.RunTo(1000);
        f.H.At(1000, "ev ready");
        f.RunTo(8000);
        Assert.True(f.H.Board.Contactor.FeedbackClosed);
        Assert.Equal("FLEET-7", f.H.Pile.Session.IdTag);

        var inside = new CommandFixture("auth.mode=platform");
        ResultAssert.Accepted(inside.Cmd("schedule", "\"version\":3,\"utcOffsetMin\":480," + WorkingHours));
        inside.H.Pile.SetWallClock(MondayTenLocal);
        ResultAssert.Accepted(inside.Cmd("start", "\"idTag\":\"PUBLIC-1\""));
        Assert.Equal(3, inside.NewHandler().Hours.Version);
    }

    [Theory]
    [InlineData("\"version\":1,\"utcOffsetMin\":480,\"days\":[[0,1440]]")]
    [InlineData("\"version\":1,\"utcOffsetMin\":480,\"days\":[[0,1441],[0,0],[0,0],[0,0],[0,0],[0,0],[0,0]]")]
    [InlineData("\"version\":1,\"utcOffsetMin\":480,\"days\":[[600,500],[0,0],[0,0],[0,0],[0,0],[0,0],[0,0]]")]
    [InlineData("\"version\":1,\"utcOffsetMin\":480,\"days\":[[0],[0,0],[0,0],[0,0],[0,0],[0,0],[0,0]]")]
    [InlineData("\"version\":1,\"days\":[[0,0],[0,0],[0,0],[0,0],[0,0],[0,0],[0,0]]")]
    public void BadSchedulesAreRefused(string args)
    {
        var f = new CommandFixture();
        ResultAssert.Rejected(f.Cmd("schedule", args), CommandReasons.BadArgument);
        Assert.Equal(0, f.Handler.Hours.Version);
        Assert.False(f.H.Sim.Store.Exists(OpeningHours.FileName));
    }

    [Fact]
    public void FleetListReplaceUpdateAndItsBounds()
    {
        var f = new CommandFixture();
        ResultAssert.Accepted(f.Cmd("fleet-list", "\"version\":1,\"mode\":\"replace\",\"tags\":[\"A\",\"B\",\"C\"]"));
        ResultAssert.Accepted(f.Cmd("fleet-list", "\"version\":2,\"mode\":\"update\",\"add\":[\"D\"],\"remove\":[\"A\"]"));
        var reloaded = f.NewHandler().Fleet;
        Assert.Equal(2, reloaded.Version);
        Assert.Equal(["B", "C", "D"], Enumerable.Range(0, reloaded.Count).Select(reloaded.Tag).Order().ToArray());
        ResultAssert.Rejected(f.Cmd("fleet-list", "\"version\":2,\"mode\":\"update\",\"add\":[\"E\"]"), CommandReasons.StaleVersion);
        ResultAssert.Rejected(f.Cmd("fleet-list", "\"version\":3,\"mode\":\"update\",\"tags\":[\"E\"]"), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("fleet-list", "\"version\":3,\"mode\":\"replace\",\"add\":[\"E\"]"), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("fleet-list", "\"version\":3,\"mode\":\"merge\",\"tags\":[\"E\"]"), CommandReasons.BadArgument);
        ResultAssert.Rejected(f.Cmd("fleet-list", "\"version\":3,\"mode\":\"update\",\"add\":[\"\"]"), CommandReasons.BadArgument);
        var tooMany = string.Join(",", Enumerable.Range(0, FleetList.MaxTagsPerCommand + 1).Select(i => "\"T" + i + "\""));
        ResultAssert.Rejected(f.Cmd("fleet-list", "\"version\":3,\"mode\":\"replace\",\"tags\":[" + tooMany + "]"), CommandReasons.BadArgument);
        // 128 tags fill the list in three commands; the 129th is refused and leaves the list as it was
        var version = 3;
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var tags = string.Join(",", Enumerable.Range(chunk * 48, Math.Min(48, FleetList.Capacity - chunk * 48)).Select(i => "\"FLEET-" + i + "\""));
            ResultAssert.Accepted(f.Cmd("fleet-list", "\"version\":" + version++ + ",\"mode\":\"" + (chunk == 0 ? "replace" : "update") + "\",\"" + (chunk == 0 ? "tags" : "add") + "\":[" + tags + "]"));
        }
        Assert.Equal(FleetList.Capacity, f.Handler.Fleet.Count);
        ResultAssert.Rejected(f.Cmd("fleet-list", "\"version\":9,\"mode\":\"update\",\"add\":[\"ONE-MORE\"]"), CommandReasons.BadArgument);
        Assert.Equal(5, f.Handler.Fleet.Version);
        Assert.Equal(FleetList.Capacity, f.NewHandler().Fleet.Count);
    }

    [Fact]
    public void ACorruptTableFileIsNotBelieved()
    {
        var f = new CommandFixture();
        ResultAssert.Accepted(f.Cmd("fleet-list", "\"version\":1,\"mode\":\"replace\",\"tags\":[\"A\"]"));
        f.H.Sim.Store.CorruptTail(FleetList.FileName, 2);
        Assert.Equal(0, f.NewHandler().Fleet.Version);
    }
}

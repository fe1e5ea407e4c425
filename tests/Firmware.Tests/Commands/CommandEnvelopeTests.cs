using System.Text;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Telemetry;
using ChargeController.Loader;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>Every reason a command is refused before it runs, and the result as the platform reads it.</summary>
public class CommandEnvelopeTests
{
    private const long Now = 1_764_326_176; // 2025-11-28T10:36:16Z

    [Theory]
    [InlineData("{\"v\":1,\"cmd\":\"stop\",\"ttlS\":60}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"\",\"cmd\":\"stop\",\"ttlS\":60}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":7,\"cmd\":\"stop\",\"ttlS\":60}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"a\\u00e9\",\"cmd\":\"stop\",\"ttlS\":60}", CommandReasons.BadEnvelope)]
    [InlineData("{\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":\"1\",\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":2,\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60}", CommandReasons.UnsupportedVersion)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"ttlS\":60}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\"}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60,\"expires\":\"2026-01-01T00:00:00Z\"}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":0}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"expires\":\"2026-02-30T00:00:00Z\"}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"expires\":\"2026-01-01T24:00:00Z\"}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"expires\":\"2026-01-01 00:00:00Z\"}", CommandReasons.BadEnvelope)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"fly\",\"ttlS\":60}", CommandReasons.UnknownCommand)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60,\"force\":true}", CommandReasons.BadArgument)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60", CommandReasons.Malformed)]
    [InlineData("{\"v\":1,\"id\":\"a\",\"id\":\"b\",\"cmd\":\"stop\",\"ttlS\":60}", CommandReasons.Malformed)]
    public void RefusedBeforeItRuns(string json, string reason)
    {
        var f = new CommandFixture();
        f.H.Pile.SetWallClock(Now);
        var r = f.Send(json);
        ResultAssert.Rejected(r, reason);
        Assert.False(string.IsNullOrEmpty(r.Text));
    }

    [Theory]
    [InlineData("\"cmd\":\"stop\",\"foo\":1", "an argument this command does not take: 'foo'")]
    [InlineData("\"cmd\":\"config\",\"op\":\"get\",\"keys\":[\"auth.mode\",\"pile.colour\"]", "unknown config key 'pile.colour' (docs/configuration.md lists them)")]
    [InlineData("\"cmd\":\"config\",\"op\":\"set\",\"values\":{\"auth.timeoutS\":300,\"pile.colour\":\"red\"}", "unknown config key 'pile.colour' (docs/configuration.md lists them)")]
    [InlineData("\"cmd\":\"config\",\"op\":\"get\",\"keys\":[\"a23456789b123456789c123456789d12x\"]", "unknown config key 'a23456789b123456789c123456789d12...' (docs/configuration.md lists them)")]
    [InlineData("\"cmd\":\"config\",\"op\":\"get\",\"keys\":[7]", "keys are config key names, in quotes")]
    public void AWrongNameIsNamed(string command, string text)
    {
        var f = new CommandFixture();
        var r = f.Send("{\"v\":1,\"id\":\"a\",\"ttlS\":60," + command + "}");
        ResultAssert.Rejected(r, CommandReasons.BadArgument);
        Assert.Equal(text, r.Text);
    }

    [Fact]
    public void OversizedInTheMailboxOrInTheBuffer()
    {
        var f = new CommandFixture();
        var payload = Encoding.UTF8.GetBytes("{\"v\":1,\"id\":\"a\",\"cmd\":\"stop\",\"ttlS\":60,\"pad\":\"" + new string('x', 2100) + "\"}");
        f.Handler.Handle(payload, payload.Length, false, 0, 0);
        ResultAssert.Rejected(f.Handler.Result, CommandReasons.Oversized);
        f.Handler.Handle(new byte[0], 0, true, 0, 0);
        ResultAssert.Rejected(f.Handler.Result, CommandReasons.Oversized);
        Assert.Equal("", f.ResultJson().GetProperty("id").GetString());
    }

    [Fact]
    public void ExpiredByTtlOrByTheClockAndNoClockMeansUseTtl()
    {
        var f = new CommandFixture();
        f.RunTo(5_000);
        ResultAssert.Rejected(f.Send("{\"v\":1,\"id\":\"e1\",\"cmd\":\"trigger\",\"what\":\"status\",\"ttlS\":2}", receivedMs: 2_999), CommandReasons.Expired);
        ResultAssert.Accepted(f.Send("{\"v\":1,\"id\":\"e2\",\"cmd\":\"trigger\",\"what\":\"status\",\"ttlS\":2}", receivedMs: 3_000));
        ResultAssert.Rejected(f.Send("{\"v\":1,\"id\":\"e3\",\"cmd\":\"trigger\",\"what\":\"status\",\"expires\":\"2099-01-01T00:00:00Z\"}"), CommandReasons.NoClock);
        f.H.Pile.SetWallClock(Now);
        ResultAssert.Rejected(f.Send("{\"v\":1,\"id\":\"e4\",\"cmd\":\"trigger\",\"what\":\"status\",\"expires\":\"2025-11-28T10:36:16Z\"}"), CommandReasons.Expired);
        ResultAssert.Accepted(f.Send("{\"v\":1,\"id\":\"e5\",\"cmd\":\"trigger\",\"what\":\"status\",\"expires\":\"2025-11-28T10:36:17Z\"}"));
        Assert.Equal(2, f.StatusTriggers);
    }

    [Fact]
    public void AnIdSeenBeforeIsAReplayUntilItLeavesTheWindow()
    {
        var f = new CommandFixture();
        const string trigger = "{\"v\":1,\"id\":\"r-0\",\"cmd\":\"trigger\",\"what\":\"status\",\"ttlS\":60}";
        ResultAssert.Accepted(f.Send(trigger));
        var replay = f.Send(trigger);
        ResultAssert.Accepted(replay); // the first answer again, not a second run
        Assert.True(replay.Replayed);
        Assert.Equal("r-0", replay.Id);
        Assert.Equal("status follows", replay.Text);
        Assert.Equal(1, f.StatusTriggers);
        for (var i = 1; i < CommandHandler.ReplayWindow; i++)
            f.Send(trigger.Replace("r-0", "r-" + i));
        Assert.True(f.Send(trigger).Replayed);
        Assert.Equal(CommandHandler.ReplayWindow, f.StatusTriggers);
        f.Send(trigger.Replace("r-0", "r-new"));
        ResultAssert.Accepted(f.Send(trigger)); // the window holds the last 32 ids
        Assert.False(f.Handler.Result.Replayed);
        Assert.Equal(CommandHandler.ReplayWindow + 2, f.StatusTriggers);
    }

    [Fact]
    public void TheResultIsTheDocumentedJson()
    {
        var f = new CommandFixture();
        f.Send("{\"v\":1,\"id\":\"abc-123\",\"cmd\":\"trigger\",\"what\":\"status\",\"ttlS\":60}");
        var json = f.ResultJson();
        Assert.Equal(1, json.GetProperty("v").GetInt32());
        Assert.Equal("abc-123", json.GetProperty("id").GetString());
        Assert.Equal("Accepted", json.GetProperty("status").GetString());
        Assert.Equal("ok", json.GetProperty("reason").GetString());
        Assert.Equal("status follows", json.GetProperty("text").GetString());
        f.Send("{\"v\":1,\"id\":\"abc-124\",\"cmd\":\"trigger\",\"what\":\"x\",\"ttlS\":60}");
        Assert.Equal("Rejected", f.ResultJson().GetProperty("status").GetString());
    }

    /// <summary>A mailbox and a result ring of 4 each, with <paramref name="commands"/> trigger commands m0, m1, .. waiting.</summary>
    private static (MessageRing Mailbox, MessageRing Results) Rings(int commands)
    {
        var mailbox = new MessageRing(4, JsonReader.MaxBytes);
        for (var i = 0; i < commands; i++)
        {
            var bytes = Encoding.UTF8.GetBytes("{\"v\":1,\"id\":\"m" + i + "\",\"cmd\":\"trigger\",\"what\":\"status\",\"ttlS\":60}");
            Assert.True(mailbox.TryPost(bytes, 0, bytes.Length, 0));
        }
        return (mailbox, new MessageRing(4, CommandResult.MaxBytes));
    }

    /// <summary>Ticks until the handler takes no more (it takes one command a tick; the storage thread runs between ticks).</summary>
    private static void ServeAll(CommandFixture f, MessageRing mailbox, MessageRing results)
    {
        for (var i = 0; i <= mailbox.Capacity; i++)
        {
            f.Handler.Serve(mailbox, results, f.Writer, 0);
            f.Flash.Run();
        }
    }

    [Fact]
    public void OneCommandATick()
    {
        var f = new CommandFixture();
        var (mailbox, results) = Rings(3);
        f.Handler.Serve(mailbox, results, f.Writer, 0);
        Assert.Equal((2, 0), (mailbox.Count, results.Count)); // its answer is posted once its entry is on flash
        f.Flash.Run();
        f.Handler.Serve(mailbox, results, f.Writer, 0);
        Assert.Equal((1, 1), (mailbox.Count, results.Count));
    }

    [Fact]
    public void TheMailboxCarriesCommandsInAndResultsOutInOrder()
    {
        var f = new CommandFixture();
        var (mailbox, results) = Rings(4);
        Assert.False(mailbox.TryPost(new byte[1], 0, 1, 0)); // full: the network thread answers busy
        ServeAll(f, mailbox, results);
        Assert.Equal(0, mailbox.Count);
        Assert.True(mailbox.TryPost(new byte[3000], 0, 3000, 0));
        ServeAll(f, mailbox, results);
        Assert.Equal(1, mailbox.Count); // the result ring is full: the command waits for room
        var ids = new List<string>();
        void ReadResults()
        {
            for (var slot = results.Peek(); slot >= 0; slot = results.Peek())
            {
                var doc = System.Text.Json.JsonDocument.Parse(results.Payload(slot).AsMemory(0, results.Length(slot))).RootElement;
                ids.Add(doc.GetProperty("id").GetString() + ":" + doc.GetProperty("reason").GetString());
                results.Release();
            }
        }
        ReadResults();
        ServeAll(f, mailbox, results);
        ReadResults();
        Assert.Equal(["m0:ok", "m1:ok", "m2:ok", "m3:ok", ":oversized"], ids);
        Assert.Equal(4, f.StatusTriggers);
    }
}

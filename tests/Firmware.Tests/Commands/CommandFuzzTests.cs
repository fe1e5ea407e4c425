using System.Text;
using System.Text.Json;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Storage;
using ChargeController.Loader;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>
/// Random and mutated payloads at the reader and the handler: nothing escapes, every payload gets a result, and a
/// rejected command changes nothing (pile, handler, config and the stored files compared before and after).
/// CC_FUZZ_SEED and CC_FUZZ_ITERATIONS override the fixed seed and the 100,000 payloads of CI; a failure prints its seed.
/// </summary>
public class CommandFuzzTests
{
    private static readonly string[] Corpus =
    {
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"start\",\"ttlS\":60,\"idTag\":\"CARD-1\"}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"stop\",\"ttlS\":60}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":10,\"durationS\":60}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"limit\",\"expires\":\"2099-01-01T00:00:00Z\",\"kw\":7.4,\"durationS\":600}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"availability\",\"ttlS\":60,\"state\":\"inoperative\"}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"availability\",\"ttlS\":60,\"state\":\"operative\"}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"reboot\",\"ttlS\":60,\"when\":\"idle\"}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"telemetry\"}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"clear-fault\",\"ttlS\":60,\"code\":\"rcd-ac\"}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"get\",\"keys\":[\"pile.ratedCurrentA\"]}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"set\",\"values\":{\"auth.timeoutS\":300}}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"set\",\"values\":{\"pile.ratedCurrentA\":\"16\"},\"confirm\":true}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"tariff\",\"ttlS\":60,\"version\":VER,\"utcOffsetMin\":480,\"slots\":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,3,3]}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"schedule\",\"ttlS\":60,\"version\":VER,\"utcOffsetMin\":480,\"days\":[[480,1080],[480,1080],[480,1080],[480,1080],[480,1080],[0,0],[0,1440]]}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"fleet-list\",\"ttlS\":60,\"version\":VER,\"mode\":\"replace\",\"tags\":[\"F-1\",\"F-2\"]}",
        "{\"v\":1,\"id\":\"ID\",\"cmd\":\"fleet-list\",\"ttlS\":60,\"version\":VER,\"mode\":\"update\",\"add\":[\"F-3\"],\"remove\":[\"F-1\"]}",
    };

    private static readonly string[] Fragments =
    {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "1e9", "-0", "0.5", "null", "true", "\"v\":1", "\"id\":\"x\"",
        "\"cmd\":\"limit\"", "\"ttlS\":60", "\"amps\":", "99999999999999999999", "\u00e9", "\u0000", " ", "\"idTag\":\"A\"",
    };

    private const string Structural = "{}[]\",:0123456789-.etrufnl\\ ";

    internal static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    [Fact]
    public void RandomAndMutatedPayloadsNeverEscapeAndRejectionsChangeNothing()
    {
        var seed = Setting("CC_FUZZ_SEED", 20261128);
        var iterations = Setting("CC_FUZZ_ITERATIONS", 100_000);
        var random = new Random(seed);
        var f = new CommandFixture("auth.mode=platform");
        f.H.Pile.SetWallClock(1_764_326_176);
        var reader = new JsonReader();
        var accepted = 0;
        var version = 1;
        for (var i = 0; i < iterations; i++)
        {
            var payload = Payload(random, i, ref version);
            try
            {
                CheckReaderAgainstSystemTextJson(reader, payload);
                var before = Snapshot(f);
                var result = f.Send(payload);
                Assert.False(string.IsNullOrEmpty(result.Reason));
                var json = f.ResultJson(); // every payload gets a result the platform can read
                Assert.Equal(result.Accepted ? "Accepted" : "Rejected", json.GetProperty("status").GetString());
                if (result.Accepted)
                    accepted++;
                else
                    Assert.Equal(before, Snapshot(f));
                if (i % 1000 == 999)
                    f.RunTo(f.H.NowMs + 10); // let limits and reboots run their course now and then
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}, payload {i}: {Encoding.UTF8.GetString(payload)}\n{e}");
            }
        }
        Assert.True(accepted > iterations / 100, $"only {accepted} accepted: the mutations hardly reach the commands");
    }

    /// <summary>The reader is stricter than RFC 8259, never looser: what it accepts, System.Text.Json accepts too.</summary>
    private static void CheckReaderAgainstSystemTextJson(JsonReader reader, byte[] payload)
    {
        if (!reader.Parse(payload, payload.Length))
            return;
        using var doc = JsonDocument.Parse(payload);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    internal static byte[] Payload(Random random, int i, ref int version)
    {
        var kind = random.Next(10);
        if (kind == 0)
        {
            var noise = new byte[random.Next(0, 300)];
            random.NextBytes(noise);
            return noise;
        }
        var text = Corpus[random.Next(Corpus.Length)].Replace("ID", "f" + i).Replace("VER", (version++).ToString());
        if (kind <= 3)
            return Encoding.UTF8.GetBytes(text); // valid: reaches execution
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        var mutations = 1 + random.Next(3);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8))); break;
                case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)])); break;
                case 3: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 1 + random.Next(20)))); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes[at] = (byte)Structural[random.Next(Structural.Length)]; break;
            }
        }
        return bytes.ToArray();
    }

    private static string Snapshot(CommandFixture f)
    {
        var p = f.H.Pile;
        var h = f.Handler;
        var s = new StringBuilder();
        s.Append($"{p.Status} {p.Error} {p.Authorized} {p.Available} {p.PlatformLimitMa} {p.AdvertisedMa} {p.PilotMode} ");
        s.Append($"{h.LimitActive} {h.RebootPending} {f.Reboots} {f.StatusTriggers} {f.TelemetryTriggers} ");
        s.Append($"{h.Tariff.Version} {h.Hours.Version} {h.Fleet.Version} {h.Fleet.Count} ");
        foreach (var key in ConfigKeys.All)
            s.Append(f.H.Sim.Runtime.Config.Get(key)).Append(',');
        foreach (var file in ConfigStore.CopyNames.Concat(new[] { Tariff.FileName, OpeningHours.FileName, FleetList.FileName }))
        {
            var store = f.H.Sim.Store;
            var bytes = new byte[store.Length(file)];
            store.Read(file, 0, bytes, 0, bytes.Length);
            s.Append(' ').Append(Convert.ToHexString(bytes));
        }
        return s.ToString();
    }
}

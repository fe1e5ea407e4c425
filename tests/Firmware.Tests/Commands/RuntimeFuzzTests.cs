using System.Text;
using System.Text.Json;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Link;
using ChargeController.Hal;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>
/// The fuzz payloads of <see cref="CommandFuzzTests"/> through the runtime: each goes into the inbox as the network
/// thread hands it over, the simulated threads run, and exactly one result is published for it; nothing escapes, and
/// a rejected command changes nothing (pile, board, handler, config, stored files, reboots, trigger requests).
/// CC_FUZZ_SEED and CC_FUZZ_ITERATIONS as there; a failure prints its seed.
/// </summary>
public class RuntimeFuzzTests
{
    /// <summary>Counts the results the pile publishes and keeps the last one; events are not rendered.</summary>
    private sealed class ResultTap : IEventWriter, ILinkObserver
    {
        public int Results;
        public int StatusOrTelemetry;
        public string Last = "";

        public void Write(PileEvent e)
        {
        }

        public void LinkChanged(long nowMs, bool up, string reason)
        {
        }

        public void Published(long nowMs, string topic, byte[] payload, int length, LinkQos qos, bool retain)
        {
            if (topic.EndsWith("/status", StringComparison.Ordinal) || topic.EndsWith("/telemetry", StringComparison.Ordinal))
                StatusOrTelemetry++;
            if (!topic.EndsWith("/cmd/result", StringComparison.Ordinal))
                return;
            Results++;
            Last = Encoding.UTF8.GetString(payload, 0, length);
        }
    }

    [Fact]
    public void EveryPayloadThroughTheRuntimeGetsOneResultAndRejectionsChangeNothing()
    {
        var seed = CommandFuzzTests.Setting("CC_FUZZ_SEED", 20261128);
        var iterations = CommandFuzzTests.Setting("CC_FUZZ_ITERATIONS", 100_000);
        var random = new Random(seed);
        var tap = new ResultTap();
        var config = new PileConfig();
        config.SetAssignment("auth.mode=platform");
        config.SetAssignment("telemetry.idleIntervalS=86400"); // no plug, no session: only a trigger or a boot publishes telemetry
        var pile = new SimulatedPile(config, tap) { WallClockAtZeroS = 1_764_326_176 };
        pile.Link.LatencyMs = 0; // a broker next door: results never wait for an acknowledgement slot, each command takes a tick or two
        pile.Start();
        pile.AdvanceTo(1000); // connected: the boot's status and telemetry are out
        var accepted = 0;
        var unjudged = 0;
        var version = 1;
        for (var i = 0; i < iterations; i++)
        {
            var payload = CommandFuzzTests.Payload(random, i, ref version);
            try
            {
                // a command that comes while the pile reboots is lost with its RAM (the platform sends it again): wait for the next
                // run (no vehicle is plugged, so a reboot waiting for idle comes at once)
                var boots = pile.Boots;
                for (var ticks = 0; pile.Runtime.Commands.Rebooting || pile.Runtime.Commands.RebootPending; ticks++)
                {
                    Assert.True(ticks < 100, "the asked-for reboot did not come within a second");
                    pile.AdvanceTo(pile.NowMs + 10);
                }
                if (pile.Boots != boots)
                    pile.AdvanceTo(pile.NowMs + 1000); // connected again: the boot's status and telemetry are out
                var h = pile.Runtime.Commands;
                // what time alone changes (a reboot waiting for idle, a limit's end) may not happen while a command is judged
                var judged = !h.RebootPending && !(h.LimitActive && h.LimitEndsAtMs <= pile.NowMs + 200);
                var before = Snapshot(pile);
                var results = tap.Results;
                var published = tap.StatusOrTelemetry;
                Assert.True(pile.Runtime.CommandInbox.TryPost(payload, 0, payload.Length, pile.NowMs));
                for (var ticks = 0; tap.Results == results; ticks++)
                {
                    Assert.True(ticks < 10, $"no result within 100 ms: boots {pile.Boots} awaits {pile.Runtime.Commands.AwaitsStorage} inbox {pile.Runtime.CommandInbox.Count} results {pile.Runtime.CommandResults.Count} powered {pile.Powered} hung {pile.Hung}");
                    pile.AdvanceTo(pile.NowMs + 10);
                }
                Assert.Equal(results + 1, tap.Results);
                var result = JsonDocument.Parse(tap.Last).RootElement;
                var status = result.GetProperty("status").GetString();
                Assert.False(string.IsNullOrEmpty(result.GetProperty("reason").GetString()));
                var triggered = tap.StatusOrTelemetry != published; // a status or telemetry message: a trigger, or a change
                if (status == "Accepted")
                    accepted++;
                else
                {
                    Assert.Equal("Rejected", status);
                    if (judged)
                    {
                        Assert.Equal(before, Snapshot(pile));
                        Assert.False(triggered);
                    }
                    else
                        unjudged++;
                }
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}, payload {i}: {Encoding.UTF8.GetString(payload)}\n{e}");
            }
        }
        Assert.True(accepted > iterations / 100, $"only {accepted} accepted: the mutations hardly reach the commands");
        Assert.True(unjudged < iterations / 20, $"{unjudged} rejections not judged");
    }

    private static string Snapshot(SimulatedPile sim)
    {
        var p = sim.Pile;
        var h = sim.Runtime.Commands;
        var s = new StringBuilder();
        s.Append($"{sim.Boots} {p.Status} {p.Error} {p.Authorized} {p.Available} {p.PlatformLimitMa} {p.AdvertisedMa} {p.PilotMode} ");
        s.Append($"{sim.Board.Pilot.Mode} {sim.Board.Pilot.DutyPermille} {sim.Board.Contactor.Commanded} ");
        s.Append($"{h.LimitActive} {h.RebootPending} {h.Tariff.Version} {h.Hours.Version} {h.Fleet.Version} {h.Fleet.Count} ");
        foreach (var key in ConfigKeys.All)
            s.Append(sim.Runtime.Config.Get(key)).Append(',');
        foreach (var file in ConfigStore.CopyNames.Concat(new[] { Tariff.FileName, OpeningHours.FileName, FleetList.FileName }))
            s.Append(' ').Append(Convert.ToHexString(sim.Store.DurableContent(file)));
        return s.ToString();
    }
}

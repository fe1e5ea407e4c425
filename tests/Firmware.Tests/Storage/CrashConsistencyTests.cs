using System.Collections;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Storage;
using ChargeController.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.Tests.Storage;

/// <summary>
/// Power cut at every durable write (every byte, move and delete) of a scenario with two sessions, a residual-current
/// fault, two config changes and meter checkpoints; each time the pile boots again 10 ms later on the same flash and the
/// scenario goes on. Then: every session that carried current is recorded exactly once and ends exactly once, every
/// record read back is one that was really written, sequence numbers never repeat, and the config is old or new,
/// never a mix. The network to the broker is down from 3 s to 100 s, so the outbox is never empty while the power is cut:
/// at the end every platform record on the flash has reached the simulated broker, nothing else has, and the copies of
/// one (boot, seq) are the same message: each event is delivered at least once, exactly once after de-duplication.
/// </summary>
public class CrashConsistencyTests
{
    private const string Scenario = """
        0s    plug 32A
        1s    ev ready
        3s    link down
        20s   config pile.ratedCurrentA=20
        21s   config auth.offline=allow
        70s   rcd dc 8mA
        71s   rcd clear
        75s   unplug
        80s   plug 32A
        81s   ev ready
        100s  link up
        150s  stop
        155s  unplug
        """;

    private readonly ITestOutputHelper _output;

    public CrashConsistencyTests(ITestOutputHelper output) => _output = output;

    private static PileConfig Factory()
    {
        var config = new PileConfig();
        config.SetAssignment("fault.rcd.retryDelayS=5");
        config.SetAssignment("link.keepAliveS=60"); // the pile notices the cut, and reconnects, within the scenario
        return config;
    }

    private sealed record Outcome(SimFileStore Store, RecordingWriter Trace, ArrayList Appended, PileConfig? LastStored,
        BrokerEvents Broker, int OutboxLeft);

    private static Outcome Run(long cutAtWrite)
    {
        var trace = new RecordingWriter();
        var sim = new SimulatedPile(Factory(), trace);
        var broker = new BrokerEvents();
        sim.Link.Broker.Tap = broker;
        var appended = new ArrayList();
        sim.Store.AppendLog = appended;
        if (cutAtWrite > 0)
            sim.Store.CutPowerAtWrite(cutAtWrite);
        sim.Start();
        var steps = ScenarioParser.Parse(Scenario).Steps.ToList();
        steps.Add(ScenarioParser.ParseCommand("unplug", 160_000, out _)!);
        foreach (var step in steps)
        {
            RunTo(sim, step.TimeMs - 1);
            sim.Apply(step);
        }
        RunTo(sim, 180_000);
        return new Outcome(sim.Store, trace, appended, sim.LastStoredConfig, broker, sim.Runtime.Outbox.Pending);
    }

    /// <summary>Runs tick by tick; whenever the power is off, it comes back on the next tick.</summary>
    private static void RunTo(SimulatedPile sim, long timeMs)
    {
        while (sim.NowMs + Firmware.Pile.TickMs <= timeMs || !sim.Powered)
        {
            if (!sim.Powered)
                sim.Apply(ScenarioParser.ParseCommand("power restore", sim.NowMs + Firmware.Pile.TickMs, out _)!);
            sim.AdvanceTo(sim.NowMs + Firmware.Pile.TickMs);
        }
    }

    private static void Check(Outcome outcome, long cut)
    {
        var records = JournalFile.Records(outcome.Store, out _, out var torn);
        var content = outcome.Store.DurableContent(Journal.FileName);
        var written = new HashSet<string>(outcome.Appended.Cast<byte[]>().Select(Convert.ToHexString));
        foreach (var record in records)
            Assert.True(written.Contains(Convert.ToHexString(content, record.Offset, record.Length)),
                $"cut {cut}: a record was read that was never written");
        Assert.Equal(records.Length, records.Select(r => r.Sequence).Distinct().Count());

        var opens = records.Where(r => r.Kind == JournalRecordKind.SessionOpen).GroupBy(r => r.SessionId).ToList();
        var closes = records.Where(r => r.Kind == JournalRecordKind.SessionClose).GroupBy(r => r.SessionId).ToDictionary(g => g.Key!, g => g.Count());
        Assert.All(opens, g => Assert.True(g.Count() == 1, $"cut {cut}: session {g.Key} opened {g.Count()} times"));
        Assert.All(opens, g => Assert.True(closes.GetValueOrDefault(g.Key!) == 1,
            $"cut {cut}: session {g.Key} closed {closes.GetValueOrDefault(g.Key!)} times"));
        Assert.All(closes.Keys, id => Assert.Contains(opens, g => g.Key == id));
        foreach (var id in PowerCutRuns.SessionsThatCarriedCurrent(outcome.Trace))
            Assert.True(opens.Any(g => g.Key == id), $"cut {cut}: session {id} carried current but is not on record");

        // the stored config is always a whole file (no warning), and it is exactly the last save that succeeded
        var config = Factory();
        var warnings = new ConfigStore(outcome.Store).Load(config, out var damaged);
        Assert.Empty(warnings);
        Assert.False(damaged);
        var expected = outcome.LastStored ?? Factory();
        Assert.All(ConfigKeys.All, key => Assert.True(expected.Get(key) == config.Get(key), $"cut {cut}: {key.Name} is neither old nor new"));
        Assert.False(torn && cut == 0);
        CheckDelivery(outcome, records, cut);
    }

    private static void CheckDelivery(Outcome outcome, JournalRecord[] records, long cut)
    {
        Assert.True(outcome.OutboxLeft == 0, $"cut {cut}: {outcome.OutboxLeft} events still wait in the outbox");
        var received = outcome.Broker.Payloads.Select(p => System.Text.Json.JsonDocument.Parse(p).RootElement)
            .GroupBy(e => ((long)e.GetProperty("boot").GetInt32() << 32) | (uint)e.GetProperty("seq").GetInt32())
            .ToDictionary(g => g.Key, g => g.ToList());
        var onFlash = records.Where(r => Journal.IsPlatformRecord(r.Kind)).Select(r => r.Sequence).ToHashSet();
        foreach (var id in onFlash)
            Assert.True(received.ContainsKey(id), $"cut {cut}: event {id >> 32}-{(int)id} is on the flash but never arrived");
        foreach (var id in received.Keys)
            Assert.True(onFlash.Contains(id), $"cut {cut}: event {id >> 32}-{(int)id} arrived but is no record on the flash");
        foreach (var copies in received.Values)
            Assert.True(copies.Select(c => c.GetRawText()).Distinct().Count() == 1, $"cut {cut}: two different messages share an id");
        foreach (var session in PowerCutRuns.SessionsThatCarriedCurrent(outcome.Trace))
        {
            Assert.Contains(received.Values, c => c[0].GetProperty("event").GetString() == "session-start" && c[0].GetProperty("session").GetString() == session);
            Assert.Contains(received.Values, c => c[0].GetProperty("event").GetString() == "session-end" && c[0].GetProperty("session").GetString() == session);
        }
    }

    [Fact]
    public void EveryCutPointLeavesConsistentRecords()
    {
        var reference = Run(0);
        Check(reference, 0);
        Assert.True(PowerCutRuns.SessionsThatCarriedCurrent(reference.Trace).Count >= 2, "the scenario charges two sessions");
        Assert.Contains(reference.Trace.Events, e => e.Kind == EventKind.Fault && e.Flag);
        Assert.Contains(reference.Trace.Events, e => e.Kind == EventKind.Session && e.Code == EventRing.SessionCheckpoint);
        Assert.True(reference.Broker.Payloads.Count >= 8, "the outbox delivered the run's events once the link was back");
        var writes = reference.Store.Writes;
        var tried = 0;
        var cutsThatRebooted = 0;
        for (var cut = 1L; cut <= writes; cut++)
        {
            var outcome = Run(cut);
            Check(outcome, cut);
            tried++;
            if (outcome.Trace.Events.Count(e => e.Kind == EventKind.Boot) > 1)
                cutsThatRebooted++;
        }
        _output.WriteLine($"crash consistency: tried {tried} cut points (every durable write of the scenario), {cutsThatRebooted} rebooted");
        Console.WriteLine($"crash consistency: tried {tried} cut points (every durable write of the scenario), {cutsThatRebooted} rebooted");
        Assert.Equal(writes, tried);
        Assert.Equal(tried, cutsThatRebooted);
    }
}

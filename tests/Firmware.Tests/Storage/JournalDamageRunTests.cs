using System.Text;
using System.Text.Json;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Tests.SerialConsole;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Storage;

/// <summary>
/// A pile charges six sessions with its platform link down (the outbox holds them), the power goes, and while it is off
/// one byte in the middle of the journal changes. At the next boot every session after the damage still reaches the
/// platform and is billed; the platform gets a journal-damaged fault, the technician sees it in `status` and clears it.
/// Judged from the simulated broker, the flash and the console.
/// </summary>
public class JournalDamageRunTests
{
    private const int Sessions = 6;
    private const long SessionEveryMs = 20_000;
    private const long PowerCutMs = 5_000 + Sessions * SessionEveryMs;

    private readonly PileHarness _pile = new();
    private readonly BrokerEvents _broker = new();
    private int _seen;

    public JournalDamageRunTests() => _pile.Sim.Link.Broker.Tap = _broker;

    private string Console(string line)
    {
        var data = Encoding.ASCII.GetBytes(line + "\r");
        Assert.True(_pile.Sim.ConsolePort.Type(data, 0, data.Length));
        _pile.RunTo(_pile.NowMs + 200);
        var lines = _pile.Recorder.ConsoleLines.Skip(_seen).ToList();
        _seen = _pile.Recorder.ConsoleLines.Count;
        return string.Join("\n", lines);
    }

    /// <summary>The sessions whose close record lies wholly after the damaged byte.</summary>
    private List<string> RunAndDamage()
    {
        _pile.At(10, "link down");
        for (var n = 0; n < Sessions; n++)
        {
            var at = 1_000 + n * SessionEveryMs;
            _pile.At(at, "plug 32A").At(at + 1_000, "ev ready").At(at + 12_000, "stop").At(at + 14_000, "unplug");
        }
        _pile.RunTo(PowerCutMs - 1);
        var records = JournalFile.Records(_pile.Sim.Store);
        _pile.At(PowerCutMs, "power cut");
        var middle = _pile.Sim.Store.DurableContent(Journal.FileName).Length / 2;
        var after = records.Where(r => r.Kind == JournalRecordKind.SessionClose && r.Offset > middle).Select(r => r.SessionId!).ToList();
        _pile.Sim.Store.DamageMiddle(Journal.FileName);
        _pile.At(PowerCutMs + 1_000, "power restore").At(PowerCutMs + 2_000, "link up").RunTo(PowerCutMs + 60_000);
        return after;
    }

    private List<JsonElement> Received() =>
        _broker.Payloads.Select(p => JsonDocument.Parse(p).RootElement).ToList();

    [Fact]
    public void TheSessionsAfterTheDamageReachThePlatform()
    {
        var after = RunAndDamage();
        Assert.True(after.Count >= 2, "the damage should fall in the first half of the sessions");
        var ended = Received().Where(e => e.GetProperty("event").GetString() == "session-end")
            .GroupBy(e => e.GetProperty("session").GetString()!)
            .ToDictionary(g => g.Key, g => g.First().TryGetProperty("energyWh", out var wh) ? wh.GetInt64() : -1);
        foreach (var id in after)
        {
            Assert.True(ended.ContainsKey(id), $"the end of {id}, after the damage, never reached the platform");
            Assert.True(ended[id] > 0, $"{id} billed no energy");
        }
    }

    [Fact]
    public void ThePlatformGetsAJournalDamagedFaultAndTheTechnicianSeesAndClearsIt()
    {
        RunAndDamage();
        var faults = Received().Where(e => e.GetProperty("event").GetString() == "fault-raised" &&
            e.GetProperty("detail").GetString() == "journal-damaged").ToList();
        Assert.Single(faults);
        Assert.True(faults[0].GetProperty("latched").GetBoolean());
        Assert.Equal("InternalError", faults[0].GetProperty("code").GetString());
        Assert.True(_pile.Pile.Faults.IsLatched(Fault.JournalDamaged));

        Assert.Contains("code=journal-damaged ocpp=InternalError latched=true", Console("status"));
        Console("login");
        Console(ConsoleRig.FactoryPin);
        Console("pin change");
        Console(ConsoleRig.TechnicianPin);
        Assert.Contains("PIN changed; logged in", Console(ConsoleRig.TechnicianPin));
        Assert.Contains("fault journal-damaged cleared", Console("clear-fault journal-damaged"));
        Assert.False(_pile.Pile.Faults.IsRaised(Fault.JournalDamaged));
        Assert.DoesNotContain("journal-damaged", Console("status"));
    }
}

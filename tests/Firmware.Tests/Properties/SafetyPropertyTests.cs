using System.Collections.Concurrent;
using ChargeController.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.Tests.Properties;

/// <summary>
/// Random runs on the simulated board (plugging, vehicle behaviour, pilot faults, residual current, e-stop, contactor and
/// lock faults, over-current, supply, meter trouble, power cuts, hangs, platform commands), every tick judged by
/// <see cref="SafetyOracle"/> from what the board shows. The mix is weighted so each rare cause is tried at least
/// <see cref="MinSamples"/> times a run while a vehicle is plugged in, and the counts are asserted. CI runs the fixed seeds;
/// SAFETY_PROPERTY_SEEDS=N adds N random ones. A failure prints its seed and the scenario text, to replay with `PileSim run`.
/// </summary>
public class SafetyPropertyTests
{
    private const int FixedSeeds = 80;
    private const int MinSamples = 100;
    private const int MinOverCurrentsSeen = 10; // most tries meet a pile that is not charging at that moment
    private const string OverCurrentsSeen = "over-currents seen";
    private const int SettleMs = 15_000;
    private readonly ITestOutputHelper _output;

    public SafetyPropertyTests(ITestOutputHelper output) => _output = output;

    /// <summary>Each rare cause with the commands that bring it about and the one that takes it away again.</summary>
    private static readonly (string Cause, Func<Random, string[]> Make, string Restore)[] RareCauses =
    {
        ("cp short", _ => new[] { "cp short" }, "cp restore"),
        ("cp open", _ => new[] { "cp open" }, "cp restore"),
        ("diode missing", _ => new[] { "ev diode-missing" }, "unplug"),
        ("e-stop", _ => new[] { "estop press" }, "estop release"),
        ("weld", _ => new[] { "contactor weld" }, "contactor unweld"),
        ("residual current", r => new[] { r.Next(2) == 0 ? $"rcd ac {r.Next(30, 200)}mA" : $"rcd dc {r.Next(6, 13)}mA" }, "rcd clear"),
        ("over-current", r => new[] { $"ev draw {r.Next(20, 64)}A", "ev disobey", $"limit {r.Next(6, 17)}A" }, "ev obey"),
        ("lock jam", _ => new[] { "lock jam" }, "lock ok"),
        ("lock stuck", _ => new[] { "lock stuck" }, "lock ok"),
    };

    /// <summary>The everyday mix around the rare causes (the CP level and meter trouble are the leads of earlier hunts).</summary>
    private static readonly Func<Random, string>[] Everyday =
    {
        _ => "ev ready", _ => "ev ready", _ => "ev ready", _ => "authorize T1", _ => "authorize T1",
        _ => "ev pause", _ => "unplug", _ => "stop", _ => "remote stop", _ => "faults clear", _ => "available",
        r => $"ev draw {r.Next(0, 80)}A", r => $"limit {r.Next(0, 40)}A", r => $"limit {r.Next(0, 40)}A", _ => "ev ventilation",
        r => $"cp level {r.Next(-13000, 13001)}mV", _ => "cp restore", _ => "meter backwards 20Wh", _ => "meter offline",
        _ => "meter online", _ => "meter garbage", r => $"grid {r.Next(150, 281)}V", r => $"temp connector {r.Next(50, 111)}C",
        _ => "power cut", _ => "power restore", _ => "reboot", r => $"hang {r.Next(10, 150) * 10}ms", _ => "contactor stuck",
        _ => "link down", _ => "link up",
    };

    private sealed record Case(int Seed, string[] Settings, (long TimeMs, string Command)[] Steps, bool Ventilation, bool Socket);

    private static Case Scenario(int seed)
    {
        var random = new Random(seed);
        var ventilation = random.Next(2) == 0;
        var socket = random.Next(4) != 0;
        var settings = new[]
        {
            "auth.mode=" + (random.Next(2) == 0 ? "free" : "platform"),
            "pilot.ventilation=" + (ventilation ? "on" : "off"),
            "meter.lossPolicy=" + (random.Next(2) == 0 ? "stop" : "continue"),
            "pile.connector=" + (socket ? "socket" : "tethered"),
            "fault.pilot.retryDelayS=" + random.Next(0, 3) * 5,  // 0 is allowed: retry at once
            "fault.rcd.retryDelayS=" + random.Next(0, 3) * 5,
            "fault.overcurrent.retryDelayS=" + random.Next(0, 3) * 5,
            "meter.stopReadingWaitS=10",
        };
        var steps = new List<(long, string)>();
        var pending = new List<(long TimeMs, string Command)>();
        var plugged = false;
        long t = 0;
        long unpluggedAtMs = -1000;
        var count = random.Next(25, 50);
        for (var i = 0; i < count; i++)
        {
            t += 10 * random.Next(1, 300);
            foreach (var due in pending.Where(p => p.TimeMs <= t).ToList())
            {
                pending.Remove(due);
                if (PropertyScenario.TryAdd(steps, t, due.Command, ref plugged) && due.Command == "unplug")
                    unpluggedAtMs = t;
            }
            if (!plugged && random.Next(10) < 8)
            {
                t = Math.Max(t, unpluggedAtMs + 1000); // nobody plugs a car in again within a second
                PropertyScenario.TryAdd(steps, t, $"plug {new[] { 10, 16, 32, 63 }[random.Next(4)]}A", ref plugged);
                t += 10 * random.Next(1, 100);
                PropertyScenario.TryAdd(steps, t, "ev ready", ref plugged);
                PropertyScenario.TryAdd(steps, t, "authorize T1", ref plugged);
                continue;
            }
            if (plugged && random.Next(2) == 0)
            {
                // a rare cause, usually on a pile that has had time to start charging, later taken away again
                t += 10 * random.Next(0, 400);
                var (cause, make, restore) = RareCauses[random.Next(RareCauses.Length)];
                if (!socket && cause.StartsWith("lock"))
                    continue;
                foreach (var command in make(random))
                    PropertyScenario.TryAdd(steps, t, command, ref plugged);
                // a vehicle that ignores a lowered pilot has 5 s to follow and 5 s more before it is over-current
                pending.Add((t + 10 * (cause == "over-current" ? random.Next(1000, 1600) : random.Next(1, 500)), restore));
                continue;
            }
            var everyday = Everyday[random.Next(Everyday.Length)](random);
            if (!socket && everyday.StartsWith("lock"))
                continue;
            if (PropertyScenario.TryAdd(steps, t, everyday, ref plugged) && everyday == "unplug")
                unpluggedAtMs = t;
            if (everyday.StartsWith("meter ") && everyday != "meter online")
                pending.Add((t + 10 * random.Next(1, 500), "meter online")); // the oracle sees over-current only through a sane meter
        }
        // then everything comes back and the vehicle leaves
        foreach (var command in new[] { "power restore", "cp restore", "rcd clear", "estop release", "contactor unweld", "meter online" })
            PropertyScenario.TryAdd(steps, t += 10, command, ref plugged);
        if (socket)
            PropertyScenario.TryAdd(steps, t += 10, "lock ok", ref plugged);
        PropertyScenario.TryAdd(steps, t += 10, "unplug", ref plugged);
        return new Case(seed, settings, steps.ToArray(), ventilation, socket);
    }

    private static string Text(Case c) => PropertyScenario.Text(nameof(SafetyPropertyTests), c.Seed, c.Settings, c.Steps);

    [Fact]
    public void TheContactorClosesOnlyWhenTheBoardAllowsItAndOpensWithinTheStandardsTimes()
    {
        var samples = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentBag<string>();
        Parallel.ForEach(PropertyScenario.Seeds(FixedSeeds, "SAFETY_PROPERTY_SEEDS"), seed =>
        {
            var scenario = Scenario(seed);
            var failure = Check(scenario, samples);
            if (failure != null)
                failures.Add($"{failure}\n{PropertyScenario.Replay(seed, Text(scenario))}");
        });
        foreach (var failure in failures)
            _output.WriteLine(failure);
        Assert.True(failures.IsEmpty, $"{failures.Count} seeds broke a safety rule; the first:\n{failures.FirstOrDefault()}");
        var counts = string.Join(", ", RareCauses.Select(c => $"{c.Cause} {samples.GetValueOrDefault(c.Cause)}"));
        counts += $"; over-currents the oracle saw through the meter while closed {samples.GetValueOrDefault(OverCurrentsSeen)}";
        _output.WriteLine("samples with a vehicle plugged in: " + counts);
        Assert.All(RareCauses, c => Assert.True(samples.GetValueOrDefault(c.Cause) >= MinSamples, counts));
        Assert.True(samples.GetValueOrDefault(OverCurrentsSeen) >= MinOverCurrentsSeen, counts);
    }

    /// <returns>null, or what broke and when</returns>
    private static string? Check(Case scenario, ConcurrentDictionary<string, int> samples)
    {
        var pile = new PileHarness(scenario.Settings);
        var oracle = new SafetyOracle(scenario.Ventilation, scenario.Socket);
        var meterSane = true;
        var sim = pile.Sim;
        long t = 0;
        string? TickTo(long untilMs)
        {
            for (; t < untilMs; t += 10)
            {
                pile.RunTo(t);
                var broken = oracle.Check(pile.Board, t, sim.Powered, sim.Hung, sim.Boots, meterSane);
                if (broken != null)
                    return $"at {t} ms: {broken}\n" + string.Join("\n", pile.Recorder.Lines.TakeLast(15));
            }
            return null;
        }
        foreach (var (timeMs, command) in scenario.Steps)
        {
            var broken = TickTo(timeMs);
            if (broken != null)
                return broken;
            var plugged = pile.Board.Vehicle.Plugged;
            var refusal = pile.TryAt(timeMs, command);
            if (refusal != null)
                return $"at {timeMs} ms the simulation refused '{command}': {refusal}";
            if (command.StartsWith("meter"))
                meterSane = command == "meter online";
            if (command is "power cut" or "reboot")
                meterSane = meterSane && command != "reboot"; // a reboot re-reads the meter: keep it simple, distrust it
            var cause = CauseOf(command);
            if (cause != null && plugged)
                samples.AddOrUpdate(cause, 1, (_, n) => n + 1);
        }
        var last = TickTo(t + SettleMs);
        samples.AddOrUpdate(OverCurrentsSeen, oracle.OverCurrents, (_, n) => n + oracle.OverCurrents);
        return last;
    }

    /// <summary>The rare cause a command brings about, or null.</summary>
    private static string? CauseOf(string command) =>
        command.StartsWith("rcd ") && command.EndsWith("mA") ? "residual current"
        : command == "ev disobey" ? "over-current"
        : RareCauses.FirstOrDefault(c => c.Make(new Random(0))[0] == command).Cause;
}

using ChargeController.Firmware.Events;
using ChargeController.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ChargeController.Tests.Properties;

/// <summary>
/// Energy adds up: over random runs with charging, power cuts, hangs, reboots, meter outages and garbage, every Wh the
/// simulated meter counted while the simulated contactor was closed belongs to exactly one session, sessions' readings
/// never overlap, and energyWh, wherever present, is exactly what was counted. Judged from the meter's register as the
/// simulation moved it, never from the firmware's state. CI runs the fixed seeds; ENERGY_PROPERTY_SEEDS=N adds N random
/// ones. A failure prints its seed and the scenario text, to replay with `PileSim run`.
/// </summary>
public class EnergyPropertyTests
{
    private const int FixedSeeds = 40;
    private const int StopReadingWaitS = 10;
    private readonly ITestOutputHelper _output;

    public EnergyPropertyTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Seeds() =>
        PropertyScenario.Seeds(FixedSeeds, "ENERGY_PROPERTY_SEEDS").Select(seed => new object[] { seed });

    /// <summary>
    /// What can happen to a charging pile's energy. Left out on purpose: a welded contactor (current flows with the pile
    /// unable to stop it: a safety fault, not billing) and a meter whose total runs backwards (a different register).
    /// </summary>
    private static readonly string[] Commands =
    {
        "plug 32A", "plug 16A", "ev ready", "ev ready", "ev ready", "ev pause", "unplug", "stop", "remote stop",
        "ev draw 10A", "ev draw 32A", "limit 8A", "limit 32A",
        "meter offline", "meter online", "meter online", "meter garbage", "meter slave-error",
        "power cut", "power restore", "power restore", "reboot", "hang 300ms", "hang 900ms", "hang 3000ms",
        "storage corrupt-tail", "estop press", "estop release",
    };

    private static (string[] Settings, (long TimeMs, string Command)[] Steps) Scenario(int seed)
    {
        var random = new Random(seed);
        var settings = new[]
        {
            "meter.lossPolicy=" + (random.Next(2) == 0 ? "stop" : "continue"),
            "meter.stopReadingWaitS=" + StopReadingWaitS,
        };
        var steps = new List<(long, string)>();
        long t = 0;
        var count = random.Next(10, 40);
        var plugged = false;
        for (var i = 0; i < count; i++)
        {
            t += 10 * random.Next(0, 1500); // up to 15 s apart, on the tick
            PropertyScenario.TryAdd(steps, t, Commands[random.Next(Commands.Length)], ref plugged);
        }
        // then everything comes back, the vehicle leaves, and every end has had time to go out
        PropertyScenario.TryAdd(steps, t + 10, "power restore", ref plugged);
        steps.Add((t + 20, "meter online"));
        steps.Add((t + 30, "estop release"));
        if (plugged)
            steps.Add((t + 40, "unplug"));
        return (settings, steps.ToArray());
    }

    private static string Text(int seed, string[] settings, (long TimeMs, string Command)[] steps) =>
        PropertyScenario.Text(nameof(EnergyPropertyTests), seed, settings, steps);

    private readonly record struct Counted(long TimeMs, long FromWh, long ToWh);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryWhCountedWhileClosedBelongsToExactlyOneSessionAndEnergyIsExactWherePresent(int seed)
    {
        var (settings, steps) = Scenario(seed);
        try
        {
            Check(settings, steps);
        }
        catch (Exception failure)
        {
            _output.WriteLine(PropertyScenario.Replay(seed, Text(seed, settings, steps)));
            throw new Xunit.Sdk.XunitException($"seed {seed}: {failure.Message}\n{Text(seed, settings, steps)}");
        }
    }

    private static void Check(string[] settings, (long TimeMs, string Command)[] steps)
    {
        var pile = new PileHarness(settings);
        var meter = pile.Sim.Meter!;
        var counted = new List<Counted>();
        var registerWh = meter.ImportWh;
        long t = 0;
        void TickTo(long untilMs)
        {
            for (; t < untilMs; t += 10)
            {
                var closedBefore = pile.Board.Contactor.FeedbackClosed;
                pile.RunTo(t);
                if (meter.ImportWh == registerWh)
                    continue;
                // the meter counts only current through closed contacts (the step integrates the tick before)
                Assert.True(closedBefore || pile.Board.Contactor.FeedbackClosed, $"the meter counted at {t} ms with the contactor open");
                Assert.True(meter.ImportWh > registerWh, "the meter's register only rises here");
                counted.Add(new Counted(t, registerWh, meter.ImportWh));
                registerWh = meter.ImportWh;
            }
        }
        foreach (var (timeMs, command) in steps)
        {
            TickTo(timeMs);
            pile.At(timeMs, command);
        }
        TickTo(t + (StopReadingWaitS + 5) * 1000L);
        Judge(pile, counted);
    }

    private static void Judge(PileHarness pile, List<Counted> counted)
    {
        var starts = pile.SessionStarts().ToList();
        var ends = pile.SessionEnds().ToList();
        Assert.Equal(starts.Count, starts.Select(s => s.Text).Distinct().Count());
        Assert.Equal(starts.Select(s => s.Text).OrderBy(id => id), ends.Select(e => e.Text).OrderBy(id => id));
        var endOf = ends.ToDictionary(e => e.Text!);

        // each Wh counted belongs to the session that had started last when it was counted, and that one had not ended
        var owned = starts.ToDictionary(s => s.Text!, _ => new List<Counted>());
        foreach (var wh in counted)
        {
            var owner = starts.LastOrDefault(s => s.TimeMs <= wh.TimeMs);
            Assert.True(owner.Text != null, $"{wh.ToWh - wh.FromWh} Wh counted at {wh.TimeMs} ms before any session started");
            Assert.True(wh.TimeMs <= endOf[owner.Text!].TimeMs,
                $"{wh.ToWh - wh.FromWh} Wh counted at {wh.TimeMs} ms after session {owner.Text} ended, with no session running");
            owned[owner.Text!].Add(wh);
        }

        long previousEndWh = long.MinValue;
        string? previous = null;
        foreach (var start in starts)
        {
            var end = endOf[start.Text!];
            var mine = owned[start.Text!];
            var startWh = end.Long1;
            var lastReadingOnly = (end.Value2 & EventRing.SessionLastReadingOnly) != 0;
            var exact = startWh != PileEvent.NoReading && end.Long2 != PileEvent.NoReading && !lastReadingOnly;
            if (startWh != PileEvent.NoReading)
            {
                Assert.Equal(start.Long1, startWh);
                Assert.True(startWh >= previousEndWh, $"session {start.Text} starts at {startWh} Wh, inside {previous} (to {previousEndWh} Wh)");
                Assert.All(mine, wh => Assert.True(wh.FromWh >= startWh,
                    $"session {start.Text} starts at {startWh} Wh but {wh.FromWh}..{wh.ToWh} Wh counted at {wh.TimeMs} ms are before it"));
            }
            var countedWh = mine.Sum(wh => wh.ToWh - wh.FromWh);
            if (exact)
            {
                Assert.True(end.Long2 - startWh == countedWh,
                    $"session {start.Text}: energyWh {end.Long2 - startWh} but the meter counted {countedWh} Wh while its contactor was closed");
                Assert.All(mine, wh => Assert.True(wh.ToWh <= end.Long2, $"session {start.Text} stops at {end.Long2} Wh, below {wh.ToWh} Wh counted in it"));
                previousEndWh = end.Long2;
            }
            else if (lastReadingOnly)
            {
                Assert.False(end.Long2 - startWh > countedWh, $"session {start.Text}: lastWh {end.Long2} beyond what was counted in it");
                previousEndWh = mine.Count > 0 ? mine.Max(wh => wh.ToWh) : startWh;
            }
            else
            {
                previousEndWh = mine.Count > 0 ? mine.Max(wh => wh.ToWh) : Math.Max(previousEndWh, startWh);
            }
            previous = start.Text;
        }
    }
}

using ChargeController.Firmware.Config;
using ChargeController.PileSim;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using ChargeController.TestSupport;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Scenarios;

/// <summary>
/// `PileSim run --plot`: the picture is written, the trace is the same as without it, and the timeline holds what the
/// run did: the currents advertised and drawn, the pilot states, the contactor's closed time, the link's outage as the
/// pile knew it, and the fault with its code.
/// </summary>
public class TimelinePlotTests
{
    private const string Scenario = """
        0s     set fault.rcd.retryDelayS=60
        0s     plug 32A
        2s     ev ready
        5min   limit 16A
        8min   link down
        14min  link up
        1080s  rcd dc 8mA
        1082s  rcd clear
        25min  unplug
        26min  end
        """;

    private static (Timeline Timeline, List<string> Lines) Run()
    {
        var steps = ScenarioParser.Parse(Scenario).Steps;
        var lines = new Lines();
        var timeline = new Timeline(lines);
        var pile = new SimulatedPile(ScenarioRunner.ConfigFor(steps), new JsonTraceWriter(timeline));
        Assert.Null(ScenarioRunner.Run(pile, steps, null, timeline));
        return (timeline, lines.All);
    }

    [Fact]
    public void TheTimelineHoldsEverySeriesWithWhatTheRunDid()
    {
        var plot = Run().Timeline.Build("test");
        var scatters = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToDictionary(s => s.LegendText);
        var spans = plot.GetPlottables().OfType<ScottPlot.Plottables.HorizontalSpan>().ToList();
        double[] Ys(string label) => scatters[label].Data.GetScatterPoints().Select(p => p.Y).ToArray();

        // the pilot's offer changes: 32 A, the platform's limit, the fallback while the link is down, back, the fault
        var offers = Ys(Timeline.AdvertisedLabel);
        Assert.Equal(new[] { 0.0, 32, 16, 6, 16, 0 }, offers.Where((a, i) => i == 0 || a != offers[i - 1]));
        Assert.InRange(Ys(Timeline.DrawnLabel).Max(), 31.5, 32.5);
        Assert.Equal(60 * 26 + 1, Ys(Timeline.DrawnLabel).Length); // a sample a second, and the start
        Assert.Contains(2.0, Ys(Timeline.PilotLabel)); // C, charging
        Assert.Contains(5.0, Ys(Timeline.PilotLabel)); // F, the fault
        Assert.Equal(ScottPlot.ConnectStyle.StepHorizontal, scatters[Timeline.AdvertisedLabel].ConnectStyle);

        var contactor = Assert.Single(spans, s => s.LegendText == Timeline.ContactorLabel);
        Assert.InRange(contactor.X1, 0, 0.1); // minutes: from the start of charging
        Assert.InRange(contactor.X2, 17.9, 18.1); // to the residual current
        var link = Assert.Single(spans, s => s.LegendText == Timeline.LinkDownLabel);
        Assert.InRange(link.X1, 12 - 0.1, 12 + 0.1); // a keepalive after the cut at 8 min: when the pile knew
        var fault = Assert.Single(spans, s => s.LegendText == Timeline.FaultLabel);
        Assert.InRange(fault.X1, 17.9, 18.1);
        Assert.Contains(plot.GetPlottables().OfType<ScottPlot.Plottables.Text>(), t => t.LabelText == "GroundFailure");
    }

    [Fact]
    public void PileSimWritesThePictureAndTheSameTraceAsWithout()
    {
        var folder = Directory.CreateTempSubdirectory("pilesim-plot-").FullName;
        var scenario = Path.Combine(folder, "s.scn");
        File.WriteAllText(scenario, Scenario);
        var png = Path.Combine(folder, "s.png");
        var plotted = ToolRun.Of("PileSim", null, "run", scenario, "--plot", png);
        var plain = ToolRun.Of("PileSim", null, "run", scenario);
        Assert.True(plotted.ExitCode == 0, plotted.Errors);
        Assert.Equal(plain.Output, plotted.Output);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.Equal((1600, 800), (BigEndian(bytes, 16), BigEndian(bytes, 20))); // IHDR: width, height
        Assert.True(bytes.Length > 20_000, "a picture, not an empty frame");

        var refused = ToolRun.Of("PileSim", null, "run", scenario, "--plot", Path.Combine(folder, "no-such-folder", "s.png"));
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("PileSim: cannot write the plot to ", refused.Errors);
    }

    private static int BigEndian(byte[] bytes, int at) => bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3];

    private sealed class Lines : ITraceSink
    {
        public List<string> All { get; } = new();

        public void WriteLine(string line) => All.Add(line);
    }
}

using System.Text.Json;
using ChargeController.Firmware.Pilot;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>
/// Commands the way the platform sends them: the scenario verb `cmd` puts each into the runtime's inbox (as the network
/// thread will), the control and storage threads of the simulated pile take it from there, and the answer is read
/// from the trace's publish on &lt;root&gt;/cmd/result.
/// </summary>
public sealed class RuntimeCommands
{
    private int _nextId;

    public RuntimeCommands(params string[] settings) => H = new PileHarness(settings);

    public PileHarness H { get; }
    public PileRuntime Runtime => H.Sim.Runtime;

    /// <summary>The results published so far on &lt;root&gt;/cmd/result, oldest first.</summary>
    public List<JsonElement> Results => Published(H.Sim.Topics.CommandResults);

    /// <summary>The payloads the pile published on <paramref name="topic"/> so far, oldest first.</summary>
    public List<JsonElement> Published(string topic) => H.Recorder.Lines.Select(l => JsonDocument.Parse(l).RootElement)
        .Where(e => e.GetProperty("ev").GetString() == "mqtt" && e.GetProperty("dir").GetString() == "out" &&
                    e.GetProperty("topic").GetString() == topic)
        .Select(e => e.GetProperty("payload")).ToList();

    /// <summary>When the pile last noticed its link go <paramref name="up"/> or down (the trace's link event).</summary>
    public long LinkChangedAtMs(bool up) => H.Recorder.Lines.Select(l => JsonDocument.Parse(l).RootElement)
        .Last(e => e.GetProperty("ev").GetString() == "link" && e.GetProperty("up").GetBoolean() == up).GetProperty("t").GetInt64();

    /// <summary>{"v":1,"id":"r&lt;n&gt;","cmd":cmd,"ttlS":60,args}, sent 10 ms from now and answered (at most 1 s later).</summary>
    public JsonElement Cmd(string cmd, string args = "") =>
        Send("{\"v\":1,\"id\":\"r" + ++_nextId + "\",\"cmd\":\"" + cmd + "\",\"ttlS\":60" + (args.Length > 0 ? "," + args : "") + "}");

    public JsonElement Send(string json)
    {
        var before = Results.Count;
        var sentMs = H.NowMs + 10;
        H.At(sentMs, "cmd " + json);
        for (var t = sentMs; t <= sentMs + 1000 && Results.Count == before; t += 10)
            H.RunTo(t);
        return Assert.Single(Results.Skip(before));
    }

    /// <summary>The current the simulated pilot advertises now (0 when it does not offer PWM): what the vehicle sees.</summary>
    public int OnPilotMa() => H.Board.Pilot.Mode == PilotMode.Pwm ? PilotDuty.ToCurrentMa(H.Board.Pilot.DutyPermille) : 0;
}

public static class Answer
{
    public static void Accepted(JsonElement result, string reason = "ok")
    {
        Assert.True(result.GetProperty("status").GetString() == "Accepted", result.ToString());
        Assert.Equal(reason, result.GetProperty("reason").GetString());
    }

    public static void Rejected(JsonElement result, string reason)
    {
        Assert.True(result.GetProperty("status").GetString() == "Rejected", result.ToString());
        Assert.Equal(reason, result.GetProperty("reason").GetString());
    }
}

using System.Text;
using System.Text.Json;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>
/// A simulated pile with a command handler of its own around it, ticked with it on virtual time; the handler's flash
/// writes are served at once, as if the storage thread ran right after the control thread. RuntimeCommandTests take
/// the runtime's path instead (inbox, control thread, storage thread, result ring).
/// </summary>
public sealed class CommandFixture : ICommandHost
{
    private int _nextId;

    public CommandFixture(params string[] settings)
    {
        H = new PileHarness(settings);
        Handler = NewHandler();
    }

    public PileHarness H { get; }
    public CommandHandler Handler { get; }
    public int Reboots { get; private set; }
    public int StatusTriggers { get; private set; }
    public int TelemetryTriggers { get; private set; }
    public JsonWriter Writer { get; } = new(CommandResult.MaxBytes);
    public FlashWrites Flash { get; } = new(1);

    /// <summary>Another handler on the same pile and flash, as after a reboot: it loads what was stored.</summary>
    public CommandHandler NewHandler()
    {
        var config = H.Sim.Runtime.Config;
        var handler = new CommandHandler(H.Pile, config, H.Sim.Store, H.Sim.Events, this, Flash, new ConfigWrite(H.Sim.Store, config, Flash, H.Sim.Events, H.Board.Clock));
        handler.Load(H.NowMs);
        return handler;
    }

    public void Reboot() => Reboots++;

    public void Trigger(bool telemetry)
    {
        if (telemetry)
            TelemetryTriggers++;
        else
            StatusTriggers++;
    }

    /// <summary>A command with a fresh id and ttlS 60: {"v":1,"id":..,"cmd":cmd,"ttlS":60,args}.</summary>
    public CommandResult Cmd(string cmd, string args = "") =>
        Send("{\"v\":1,\"id\":\"c" + ++_nextId + "\",\"cmd\":\"" + cmd + "\",\"ttlS\":60" + (args.Length > 0 ? "," + args : "") + "}");

    public CommandResult Send(string json, long? receivedMs = null) => Send(Encoding.UTF8.GetBytes(json), receivedMs);

    public CommandResult Send(byte[] bytes, long? receivedMs = null)
    {
        Handler.Handle(bytes, bytes.Length, false, receivedMs ?? H.NowMs, H.NowMs);
        for (var writes = 0; Handler.AwaitsStorage; writes++)
        {
            Assert.True(writes < 2, "more than the command's write and its answer's entry");
            Flash.Run();
            Handler.TryFinish(H.NowMs);
        }
        return Handler.Result;
    }

    /// <summary>The result as the platform reads it.</summary>
    public JsonElement ResultJson()
    {
        Handler.Result.WriteTo(Writer);
        Assert.False(Writer.Overflowed);
        return JsonDocument.Parse(Writer.Buffer.AsMemory(0, Writer.Length)).RootElement;
    }

    /// <summary>Runs the pile and the handler's timers to <paramref name="timeMs"/>, tick by tick.</summary>
    public CommandFixture RunTo(long timeMs)
    {
        for (var next = H.NowMs + 10; next <= timeMs; next += 10)
        {
            H.RunTo(next);
            Handler.Tick(H.NowMs);
        }
        return this;
    }

    /// <summary>The current the simulated pilot advertises now (0 when it does not offer PWM).</summary>
    public int AdvertisedMaOnPilot() =>
        H.Board.Pilot.Mode == ChargeController.Hal.PilotMode.Pwm ? ChargeController.Firmware.Pilot.PilotDuty.ToCurrentMa(H.Board.Pilot.DutyPermille) : 0;
}

public static class ResultAssert
{
    public static void Accepted(CommandResult r, string reason = CommandReasons.Ok)
    {
        Assert.True(r.Accepted, r.Reason + ": " + r.Text);
        Assert.Equal(reason, r.Reason);
    }

    public static void Rejected(CommandResult r, string reason)
    {
        Assert.False(r.Accepted, "accepted: " + r.Text);
        Assert.Equal(reason, r.Reason);
    }
}

using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Console;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Sessions;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;
using ChargeController.Sim.Scenarios;

namespace ChargeController.Tests.SerialConsole;

/// <summary>
/// The console's view of a simulated pile, built the way the device's composition root will build it: reads from the
/// core and the board, commands to the core, config changes validated and stored on the pile's flash.
/// </summary>
public sealed class SimConsoleTarget : IConsoleTarget
{
    private readonly SimulatedPile _sim;
    private readonly PileConfig _config;

    public SimConsoleTarget(SimulatedPile sim, PileConfig config)
    {
        _sim = sim;
        _config = config;
    }

    public IConsoleLink? LinkView { get; set; }
    public List<Fault> ClearedFaults { get; } = new();

    private Firmware.Pile P => _sim.Pile;
    public ConnectorStatus Status => P.Status;
    public ErrorCode Error => P.Error;
    public PilotState PilotState => P.PilotState;
    public PilotMode PilotMode => P.PilotMode;
    public int DutyPermille => P.DutyPermille;
    public int AdvertisedMa => P.AdvertisedMa;
    public int PilotHighMv => _sim.Board.Pilot.HighLevelMv;
    public int PilotLowMv => _sim.Board.Pilot.LowLevelMv;
    public bool ContactorClosed => P.ContactorClosed;
    public bool ContactorFeedbackClosed => _sim.Board.Contactor.FeedbackClosed;
    public bool SafeMode => P.SafeMode;
    public FaultBook Faults => P.Faults;
    public MeterPoller Meter => _sim.Poller;
    public IConsoleLink Link => LinkView!;
    public PileConfig Config => _config;
    public BootReason BootReason => _sim.LastBoot.Reason;
    public int BootNumber => _sim.LastBoot.BootNumber;
    public string FirmwareVersion => "0.9.0-test";
    public int SessionsKept => P.Session == null ? 0 : 1;
    public Session RecentSession(int ago) => ago == 0 ? P.Session : null!;

    public string? Authorize(string idTag) => P.Authorize(idTag);
    public string? Stop() => P.RequestStop(StopReason.Local);
    public string? SetLimitMa(int limitMa) => P.SetPlatformLimitMa(limitMa);
    public string? SetAvailable(bool available) => P.SetAvailable(available);

    public string? ClearFault(Fault fault)
    {
        if (!P.Faults.IsRaised(fault))
            return "fault " + FaultPolicies.DetailOf(fault) + " is not raised";
        ClearedFaults.Add(fault);
        return P.ClearFaults();
    }

    public string? StartResidualCurrentSelfTest() => "not available yet: the core has no on-demand self-test";

    public string? LeaveSafeMode()
    {
        var rejection = P.LeaveSafeMode();
        if (rejection == null)
            _sim.LastBoot.Keeper.ClearCrashLoop();
        return rejection;
    }

    public string? SetConfig(string key, string value)
    {
        var error = _config.SetConsistent(key + "=" + value);
        if (error == null && !new ConfigStore(_sim.Store).Save(_config))
            error = "could not store the configuration";
        return error;
    }

    public void Reboot() => _sim.Apply(ScenarioParser.ParseCommand("reboot", _sim.NowMs, out _)!);
}

using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Metering;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Runtime;

/// <summary>
/// A board that measures no supply voltage (the reference board: its hardware has no supply port) judges the supply on
/// the meter's readings alone while the meter is not lost, with the meter on the supply side reading while the contactor
/// is open. Under
/// `meter.lossPolicy=continue` a silent meter leaves the voltage unknown: never a stale reading nor an assumed nominal
/// value. The runtime's threads scheduled by hand on virtual time, the supervisor's left out.
/// </summary>
public class MeteredSupplyTests
{
    private readonly SimBoard _board = new();
    private readonly SimMeter _meter;
    private readonly PileRuntime _runtime;
    private readonly List<PileEvent> _events = new();

    public MeteredSupplyTests()
    {
        var config = new PileConfig();
        Assert.Null(config.SetAssignment("meter.lossPolicy=continue"));
        _meter = new SimMeter(MeterSetup.ProfileFrom(config), (byte)config.Get(ConfigKeys.MeterAddress));
        var b = _board;
        var hardware = new PileHardware(b.Clock, b.Pilot, b.Sensors, b.Contactor, b.ResidualCurrent, null, b.Sensors, b.Sensors, b.Indicator, b.Lock);
        _runtime = new PileRuntime(config, hardware, new SimFileStore(), new SimModbusBus(_meter), new NoOutputs(), new Recorder(_events));
        _runtime.Boot();
    }

    /// <summary>The world and the threads, tick by tick: the meter measures the board's supply as the simulated pile's does.</summary>
    private void RunTo(long untilMs)
    {
        for (var t = _board.Clock.NowMs + Firmware.Pile.TickMs; t <= untilMs; t += Firmware.Pile.TickMs)
        {
            _board.Clock.AdvanceTo(t);
            _board.Step();
            _meter.Step(t, _board.Sensors.VoltageMv, _board.SocketCurrentMa, false);
            _runtime.Meter.RunOnce(t);
            _runtime.Control.RunOnce(t);
            _runtime.Storage.RunOnce(t);
        }
    }

    private void PlugAndAsk(long atMs)
    {
        RunTo(atMs);
        _board.Vehicle.Plug(32);
        _board.Vehicle.Ready = true;
    }

    private bool Raised(Fault fault) => _runtime.Pile.Faults.IsRaised(fault);

    [Fact]
    public void WithFreshReadingsTheMeterJudgesTheSupply()
    {
        PlugAndAsk(1_000);
        RunTo(10_000);
        Assert.True(_board.Contactor.Commanded, "a supply read fresh inside its window: charging");
        _board.Sensors.VoltageMv = 150_000;
        RunTo(15_000);
        Assert.True(Raised(Fault.UnderVoltage));
        Assert.False(_board.Contactor.Commanded);
    }

    [Fact]
    public void AMeterSilentSinceBootLeavesTheSupplyUnknownAndTheContactorOpen()
    {
        _meter.Offline = true;
        PlugAndAsk(1_000);
        RunTo(20_000);
        Assert.True(_board.Vehicle.S2Closed, "the vehicle asks to charge");
        Assert.False(_board.Contactor.Commanded); // no closing on an assumed nominal voltage
        Assert.False(Raised(Fault.UnderVoltage) || Raised(Fault.OverVoltage));
        _meter.Offline = false;
        RunTo(25_000);
        Assert.True(_board.Contactor.Commanded, "a fresh reading inside the window: it closes");
    }

    [Fact]
    public void AStaleReadingIsNotTakenForTheSupply()
    {
        RunTo(5_000); // read at 220 V while idle: the meter is on the supply side
        _meter.Offline = true;
        _board.Sensors.VoltageMv = 300_000; // the supply rises while nobody reads it
        RunTo(20_000); // past meter.lossMs: the meter counts as lost, its last reading is stale
        PlugAndAsk(20_000);
        RunTo(40_000);
        Assert.False(_board.Contactor.Commanded); // the last reading, 220 V, is stale: it does not let the contactor close
        _meter.Offline = false;
        RunTo(55_000);
        Assert.True(Raised(Fault.OverVoltage), "a fresh reading shows the over-voltage");
        Assert.False(_board.Contactor.Commanded);
    }

    [Fact]
    public void AnUnknownSupplyNeitherRaisesNorClearsAVoltageFault()
    {
        _board.Sensors.VoltageMv = 150_000;
        RunTo(5_000);
        Assert.True(Raised(Fault.UnderVoltage));
        _meter.Offline = true;
        _board.Sensors.VoltageMv = 220_000; // back, but unread
        RunTo(60_000);
        Assert.True(Raised(Fault.UnderVoltage)); // not cleared on a stale reading, nor on no reading
        _meter.Offline = false;
        RunTo(75_000);
        Assert.False(Raised(Fault.UnderVoltage));
    }

    private sealed class NoOutputs : ISupervisionOutputs
    {
        public void KickWatchdog() { }
        public void Reboot() { }
    }

    private sealed class Recorder(List<PileEvent> events) : IEventConsumer
    {
        public void Write(PileEvent e) => events.Add(e);
    }
}

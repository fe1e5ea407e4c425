using ChargeController.Hal;
using ChargeController.Sim.Board;

namespace ChargeController.Tests.Properties;

/// <summary>
/// Judges a pile from what its simulated board shows after each tick, with windows and times taken from the standard
/// (docs: /work/shared/reference/standards.md), never from the firmware's classifier, state, faults or events. The
/// firmware's windows (GB/T, +-0.8 V) sit inside the oracle's (IEC), so a level the oracle calls "not C" is one the
/// firmware must not charge on either. It knows of the outside world only what a test bench knows: whether the power is
/// on, whether the control loop is hung (the supervisor's to catch, tested on its own), whether the meter answers sanely.
/// </summary>
internal sealed class SafetyOracle
{
    public const int OpenMs = 100;              // unplug, S2 open, CP abnormal, diode missing, DC residual, e-stop
    public const int EvStopMs = 3000;           // PWM stopped, vehicle still in C
    public const int OverCurrentTripMs = 5000;  // above the limit this long, then disconnect
    public const int FollowMs = 5000;           // PWM lowered: the vehicle follows within this
    public const int MeterLatencyMs = 1500;     // the pile sees current through a polled meter
    public const int WeldSeenMs = 200 + OpenMs; // contactor.feedbackMs, then stop offering current
    private const int TickMs = 10;

    private readonly bool _ventilation;
    private readonly bool _socket;
    private readonly Dictionary<string, long> _since = new();
    private readonly Queue<(long TimeMs, int AdvertisedMa)> _advertised = new();
    private bool _wasCommanded;
    private bool _wasLockCommanded;
    private int _passedAtPlugIn = -1;
    private int _passedAtTrip = -1;
    private int _passedAtBoot = -1;
    private bool _wasPlugged;
    private int _boots = -1;

    public SafetyOracle(bool ventilation, bool socket)
    {
        _ventilation = ventilation;
        _socket = socket;
    }

    /// <summary>Onsets of the over-current the oracle saw while the meter could see it.</summary>
    public int OverCurrents { get; private set; }

    /// <returns>null, or the broken rule</returns>
    public string? Check(SimBoard board, long nowMs, bool powered, bool hung, int boots, bool meterSane)
    {
        var pilot = board.Pilot;
        var contactor = board.Contactor;
        var rcd = board.ResidualCurrent;
        var closed = contactor.Commanded;
        if (!powered)
        {
            _since.Clear();
            _wasCommanded = false;
            return closed ? "the contactor is commanded closed with the power off" : null;
        }
        if (boots != _boots)
        {
            _boots = boots;
            _passedAtBoot = rcd.TestsPassed;
        }
        var plugged = board.Vehicle.Plugged;
        if (plugged && !_wasPlugged)
            _passedAtPlugIn = rcd.TestsPassed;
        _wasPlugged = plugged;

        var high = pilot.HighLevelMv;
        var chargeable = Within(high, 6000) || (_ventilation && Within(high, 3000));
        var pwm = pilot.Mode == PilotMode.Pwm;
        var acMa = rcd.AcResidualMa;
        var residualTrip = acMa >= SimResidualCurrentDevice.AcTripMa || rcd.DcResidualMa >= SimResidualCurrentDevice.DcTripMa;
        if (residualTrip)
            _passedAtTrip = rcd.TestsPassed;
        var advertisedMa = pwm ? AdvertisedMa(pilot.DutyPermille) : 0;
        _advertised.Enqueue((nowMs, advertisedMa));
        while (_advertised.Peek().TimeMs < nowMs - FollowMs)
            _advertised.Dequeue();
        var allowedMa = _advertised.Max(a => a.AdvertisedMa);
        var currentMa = board.SocketCurrentMa;
        var over = meterSane && contactor.FeedbackClosed && currentMa > OverCurrentThresholdMa(allowedMa);

        string? broken = null;
        void Rule(string name, bool holds, int allowedMs, string detail = "")
        {
            if (!holds)
            {
                _since.Remove(name);
                return;
            }
            if (!_since.TryGetValue(name, out var since) || hung)
                _since[name] = since = nowMs; // a hung loop keeps its outputs: the supervisor's limit applies, not ours
            if (broken == null && closed && nowMs - since > allowedMs)
                broken = $"the contactor is still closed {nowMs - since} ms after {name}{detail} (allowed {allowedMs} ms)";
        }
        Rule("the vehicle was unplugged", !plugged, OpenMs);
        Rule("the pilot left C/D", !chargeable, OpenMs, $" ({high} mV)");
        Rule("the diode went missing", pwm && pilot.LowLevelMv > -11000, OpenMs, $" (low level {pilot.LowLevelMv} mV)");
        Rule("the emergency stop was pressed", board.Sensors.Pressed, OpenMs);
        Rule("DC residual current", rcd.DcResidualMa >= SimResidualCurrentDevice.DcTripMa, OpenMs, $" ({rcd.DcResidualMa} mA)");
        Rule("AC residual current", acMa >= 30, acMa >= 150 ? 40 : acMa >= 60 ? 150 : 300, $" ({acMa} mA)");
        Rule("the PWM stopped", !pwm, EvStopMs);
        Rule("over-current", over, OverCurrentTripMs + MeterLatencyMs, $" ({currentMa} mA, allowed {allowedMa} mA)");
        if (over && _since["over-current"] == nowMs)
            OverCurrents++;

        if (closed && !_wasCommanded)
        {
            if (!pwm || pilot.DutyPermille < 100 || pilot.DutyPermille > 900)
                broken ??= $"closed without a PWM advertising 6..63 A (mode {pilot.Mode}, duty {pilot.DutyPermille}/1000)";
            if (rcd.TestsPassed <= Math.Max(_passedAtPlugIn, Math.Max(_passedAtTrip, _passedAtBoot)))
                broken ??= "closed without a passed residual-current self-test since plug-in, the last trip or the boot";
        }
        if (closed && _socket && !board.Lock.FeedbackLocked)
            broken ??= "closed while the lock's switch does not say locked";
        if (_socket && _wasLockCommanded && !board.Lock.Commanded && (contactor.FeedbackClosed || currentMa > 0))
            broken ??= $"unlocked with the contacts closed ({currentMa} mA)";
        _wasLockCommanded = board.Lock.Commanded;
        Rule("the contactor welded", contactor.FeedbackClosed && !closed, int.MaxValue);
        if (contactor.FeedbackClosed && !closed && pwm && !hung && nowMs - _since["the contactor welded"] > WeldSeenMs)
            broken ??= $"still offering current by PWM {nowMs - _since["the contactor welded"]} ms after the contactor welded";
        _wasCommanded = closed;
        return broken;
    }

    private static bool Within(int levelMv, int nominalMv) => levelMv >= nominalMv - 1000 && levelMv <= nominalMv + 1000;

    /// <summary>Duty to maximum current: 10..85 %: D x 0.6 A; 85..90 %: (D - 64) x 2.5 A, at most 63 A.</summary>
    public static int AdvertisedMa(int dutyPermille)
    {
        if (dutyPermille < 100 || dutyPermille > 900)
            return 0;
        if (dutyPermille <= 850)
            return dutyPermille * 60;
        return Math.Min(63000, (dutyPermille - 640) * 250);
    }

    /// <summary>Rating up to 20 A: above Imax + 2 A; above 20 A: above 1.1 x Imax.</summary>
    private static int OverCurrentThresholdMa(int limitMa) => limitMa <= 20000 ? limitMa + 2000 : limitMa * 11 / 10;
}

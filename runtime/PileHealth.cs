using ChargeController.Firmware;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Runtime.Health;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The health monitor of one boot (docs/health.md) and what it reads: after each tick the control thread fills the
    /// sample from the core, the board and the meter's published reading (single words and the reading the poller
    /// published: no lock, nothing allocated), runs the monitor, and gives the core the derating it asks for.
    /// </summary>
    public sealed class PileHealth
    {
        private readonly HealthSample _sample = new HealthSample();
        private readonly PileHardware _board;
        private readonly MeterPoller _poller;

        /// <summary>Loads the record from flash (a record that does not check out starts again from nothing).</summary>
        public PileHealth(IFileStore store, Journal journal, PileConfig config, FlashWrites flash, PileHardware board,
            MeterPoller poller, long nowMs)
        {
            _board = board;
            _poller = poller;
            var figures = new HealthFigures();
            var record = new HealthStore(store);
            RecordDamaged = !record.Load(figures);
            Monitor = new HealthMonitor(figures, HealthSettings.From(config), flash, new HealthWrite(record, journal), nowMs);
        }

        public HealthMonitor Monitor { get; }

        /// <summary>The record on flash did not check out at boot: its figures start again.</summary>
        public bool RecordDamaged { get; }

        /// <summary>Control thread, after the tick.</summary>
        public void Tick(Pile pile, EventRing events, long nowMs)
        {
            var s = _sample;
            s.NowMs = nowMs;
            s.UnixS = events.WallClockS(nowMs);
            s.ContactorClosed = pile.ContactorClosed;
            s.FeedbackClosed = _board.Contactor.FeedbackClosed;
            s.AdvertisedMa = pile.AdvertisedMa;
            s.PilotPlateau = pile.PilotState == PilotState.A && pile.PilotMode == PilotMode.Off;
            s.PilotHighMv = pile.Pilot.HighLevelMv;
            s.PilotRejections = pile.Pilot.Rejections;
            s.SelfTestsFinished = pile.SelfTestsFinished;
            s.SelfTestPassed = pile.SelfTestPassed;
            s.ConnectorDeciC = _board.Temperatures.ConnectorDeciC;
            s.EnclosureDeciC = _board.Temperatures.EnclosureDeciC;
            var reading = _poller == null ? null : _poller.Latest;
            if (reading != null)
            {
                s.ReadingSequence = reading.Sequence;
                s.ReadingAtMs = reading.TimeMs;
                s.VoltageMv = reading.VoltageL1Mv;
                s.CurrentMa = reading.MaxCurrentMa;
            }
            s.MeterFailures = _poller == null ? 0 : Failures(_poller);
            Monitor.Observe(s);
            pile.HealthLimitMa = Monitor.LimitMa;
        }

        private static int Failures(MeterPoller poller)
        {
            var failures = 0;
            for (var health = 0; health <= (int)MeterHealth.ProfileIncomplete; health++)
                failures += poller.CountOf((MeterHealth)health);
            return failures;
        }
    }
}

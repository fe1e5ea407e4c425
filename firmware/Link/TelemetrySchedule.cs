using ChargeController.Firmware.Pilot;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// When a telemetry message is due: every charging interval while the contactor is closed, every idle interval
    /// otherwise, and on a significant change: the pilot state changes, or the power moves by
    /// <see cref="PowerStepW"/> or more since the last message; never sooner than <see cref="MinGapMs"/> after the last
    /// one (a car that hunts between 6 and 7 kW does not flood a 4G link). docs/mqtt-api.md names the thresholds.
    /// </summary>
    public sealed class TelemetrySchedule
    {
        public const int PowerStepW = 2000;
        public const int MinGapMs = 60000;

        private readonly long _chargingIntervalMs;
        private readonly long _idleIntervalMs;
        private long _lastSentMs = -1;
        private PilotState _lastCp;
        private int _lastPowerW;

        public TelemetrySchedule(int chargingIntervalS, int idleIntervalS)
        {
            _chargingIntervalMs = chargingIntervalS * 1000L;
            _idleIntervalMs = idleIntervalS * 1000L;
        }

        public bool Due(long nowMs, bool charging, PilotState cp, int powerW)
        {
            if (_lastSentMs < 0)
                return true;
            var sinceMs = nowMs - _lastSentMs;
            if (sinceMs >= (charging ? _chargingIntervalMs : _idleIntervalMs))
                return true;
            if (sinceMs < MinGapMs)
                return false;
            var step = powerW - _lastPowerW;
            return cp != _lastCp || step >= PowerStepW || -step >= PowerStepW;
        }

        public void Sent(long nowMs, PilotState cp, int powerW)
        {
            _lastSentMs = nowMs;
            _lastCp = cp;
            _lastPowerW = powerW;
        }
    }
}

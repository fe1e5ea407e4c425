namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// What the health monitor looks at each tick, filled in place (nothing allocated): the core's outputs, the board's
    /// sensors and the meter's latest reading. The counters run from 0 at each boot; the monitor takes their steps.
    /// </summary>
    public sealed class HealthSample
    {
        public long NowMs;
        /// <summary>Wall-clock seconds, 0 while unknown.</summary>
        public long UnixS;
        public bool ContactorClosed;
        /// <summary>The board's auxiliary contact (not the core's command).</summary>
        public bool FeedbackClosed;
        public int AdvertisedMa;
        /// <summary>Nothing plugged in and no PWM: the pilot sits on its +12 V plateau.</summary>
        public bool PilotPlateau;
        public int PilotHighMv;
        public int PilotRejections;
        public int SelfTestsFinished;
        public bool SelfTestPassed;
        /// <summary>The latest plausible meter reading's number (0: none yet), its time, voltage (L1) and largest current.</summary>
        public int ReadingSequence;
        public long ReadingAtMs;
        public int VoltageMv;
        public int CurrentMa;
        /// <summary>Meter polls that failed or were refused, this boot.</summary>
        public int MeterFailures;
        public int ConnectorDeciC;
        public int EnclosureDeciC;
    }
}

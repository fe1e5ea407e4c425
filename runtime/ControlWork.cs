namespace ChargeController.Runtime
{
    /// <summary>
    /// The control thread: one tick of the core, then the heartbeat and the meter's wish. Touches only the board's ports,
    /// the event ring (as its producer) and single words: never flash, Modbus, the network or a lock. It also sets the
    /// pile's wall clock from the device's UTC clock once that is set (SNTP), and again every hour.
    /// </summary>
    internal sealed class ControlWork : IRuntimeWork
    {
        private const int WallClockCheckMs = 1000;
        private const int WallClockResyncMs = 3600 * 1000;

        private readonly PileRuntime _runtime;
        private long _wallClockDueMs;

        public ControlWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs)
        {
            _runtime.ReadLinkState();
            _runtime.Pile.Tick();
            _runtime.Supervisor.Heartbeat();
            _runtime.PublishMeterBusy();
            SyncWallClock(nowMs);
            _runtime.PublishSnapshot();
        }

        private void SyncWallClock(long nowMs)
        {
            var utc = _runtime.UtcClock;
            if (utc == null || nowMs < _wallClockDueMs)
                return;
            long unixSeconds;
            if (utc.TryGetUnixSeconds(out unixSeconds))
            {
                _runtime.Pile.SetWallClock(unixSeconds);
                _wallClockDueMs = nowMs + WallClockResyncMs;
            }
            else
            {
                _wallClockDueMs = nowMs + WallClockCheckMs;
            }
        }
    }
}

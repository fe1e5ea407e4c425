using ChargeController.Firmware.Updates;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The control thread: the platform's commands, one tick of the core, then the heartbeat, the meter's wish and one
    /// line of the console's shell. Touches only the board's ports, the event ring and the result ring (as their
    /// producer), the command inbox (as its consumer) and single words: never flash, Modbus, the network or a lock. It
    /// also sets the pile's wall clock from the device's UTC clock once that is set (SNTP), and again every hour.
    ///
    /// Commands come before the tick, so what one sets (a limit, a start, a stop) is acted on by the tick of the same
    /// cycle: a limit reaches the pilot within the tick it arrived in. A planned reboot (a command, the console, the Wi-Fi
    /// policy) winds the pile down like a stop and is handed to the supervisor thread only once the contactor is open.
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
            var commands = _runtime.Commands;
            commands.Tick(nowMs);
            commands.Serve(_runtime.CommandInbox, _runtime.CommandResults, _runtime.ResultWriter, nowMs);
            TickUpdate(nowMs);
            _runtime.Pile.Tick();
            _runtime.Health.Tick(_runtime.Pile, _runtime.Events, nowMs);
            FollowSession(nowMs);
            _runtime.Supervisor.Heartbeat();
            _runtime.PublishBusy();
            _runtime.ServiceConsole(nowMs);
            WindDownForReboot();
            SyncWallClock(nowMs);
            _runtime.PublishSnapshot();
        }

        /// <summary>
        /// A planned reboot asked for by a command, the console (just now) or the Wi-Fi policy: the pile stops its session
        /// and closes nothing more, and the supervisor thread may reset once the contactor is open, never under current.
        /// </summary>
        private void WindDownForReboot()
        {
            if (_runtime.TakeRebootRequest() | _runtime.CommandHost.TakeReboot())
                _runtime.Pile.PrepareReboot();
            if (_runtime.Pile.ReadyForReboot)
                _runtime.ReleaseReboot();
        }

        /// <summary>The firmware update's step: it switches only without a session, and a trial needs the link once and the supervisor looking.</summary>
        private void TickUpdate(long nowMs)
        {
            var updates = _runtime.Updates;
            if (updates == null)
                return;
            var link = _runtime.LinkSupervisor;
            var localMinute = SlotSwitch.LocalMinute(_runtime.Events.WallClockS(nowMs), _runtime.Commands.Hours.UtcOffsetMin);
            updates.Tick(nowMs, _runtime.Pile.SessionActive, link != null && link.LinkState == 1, localMinute, _runtime.Supervisor.Looks);
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

        /// <summary>The running session's readings into its tariff bands and its solar energy (<see cref="SessionBands"/> closes them at its end).</summary>
        private void FollowSession(long nowMs)
        {
            var latest = _runtime.Poller == null ? null : _runtime.Poller.Latest;
            var pile = _runtime.Pile;
            _runtime.Bands.Follow(pile.Session, latest, _runtime.Events.WallClockS(nowMs), _runtime.Commands.Tariff);
            if (_runtime.Site != null)
                _runtime.Solar.Follow(pile.Session, pile.ContactorClosed, _runtime.Site.SolarW, nowMs);
        }
    }
}

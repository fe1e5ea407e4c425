using System.Threading;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Telemetry;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// What the network thread needs of the control thread's state, as a few words the control thread writes after each
    /// tick and the network thread copies out without a lock: a version counter is odd while the control thread writes
    /// and changes with every write, so a copy taken across a write is taken again (the writer never waits). It changes
    /// only when something the status or telemetry shows changed, so a tick usually writes nothing.
    /// </summary>
    public sealed class StatusSnapshot
    {
        private const int MaxCopyTries = 4;

        private int _version;
        private int _status;
        private int _error;
        private int _raised;
        private int _latched;
        private int _cp;
        private int _advertisedMa;
        private int _charging;
        private int _bootNumber;
        private int _bootReason;
        private int _tariffVersion;
        private int _scheduleVersion;
        private int _fleetVersion;
        private int _update;
        private int _wallClockHigh;
        private int _wallClockLow;
        private long _wallClockOffsetS;

        /// <summary>Changes with every write (odd while one is under way); read by the network thread.</summary>
        public int Version => Interlocked.CompareExchange(ref _version, 0, 0);

        /// <summary>Changes whenever the status message would change (connector status, error, faults, boot, a table's version); read by the network thread.</summary>
        public int StatusVersion => Interlocked.CompareExchange(ref _statusVersion, 0, 0);
        private int _statusVersion;

        /// <summary>Control thread, after each tick.</summary>
        /// <param name="tables">the platform's tables in force (their versions go into the status)</param>
        /// <param name="wallClockOffsetS">Unix seconds at uptime 0, or 0 while the pile's clock is not set</param>
        public void Write(Pile pile, int bootNumber, BootReason bootReason, CommandHandler tables, long wallClockOffsetS)
        {
            var tariff = tables == null ? 0 : tables.Tariff.Version;
            var schedule = tables == null ? 0 : tables.Hours.Version;
            var fleet = tables == null ? 0 : tables.Fleet.Version;
            var update = tables == null || tables.Updates == null ? 0 : tables.Updates.Shown;
            var raised = pile.Faults.RaisedMask;
            var latched = pile.Faults.LatchedMask;
            var charging = pile.ContactorClosed ? 1 : 0;
            var statusChanged = (int)pile.Status != _status || (int)pile.Error != _error || raised != _raised || latched != _latched ||
                bootNumber != _bootNumber || (int)bootReason != _bootReason ||
                tariff != _tariffVersion || schedule != _scheduleVersion || fleet != _fleetVersion || update != _update;
            if (!statusChanged && (int)pile.PilotState == _cp && pile.AdvertisedMa == _advertisedMa && charging == _charging &&
                wallClockOffsetS == _wallClockOffsetS)
                return;
            _wallClockOffsetS = wallClockOffsetS;
            Interlocked.Increment(ref _version);
            Interlocked.Exchange(ref _status, (int)pile.Status);
            Interlocked.Exchange(ref _error, (int)pile.Error);
            Interlocked.Exchange(ref _raised, raised);
            Interlocked.Exchange(ref _latched, latched);
            Interlocked.Exchange(ref _cp, (int)pile.PilotState);
            Interlocked.Exchange(ref _advertisedMa, pile.AdvertisedMa);
            Interlocked.Exchange(ref _charging, charging);
            Interlocked.Exchange(ref _bootNumber, bootNumber);
            Interlocked.Exchange(ref _bootReason, (int)bootReason);
            Interlocked.Exchange(ref _tariffVersion, tariff);
            Interlocked.Exchange(ref _scheduleVersion, schedule);
            Interlocked.Exchange(ref _fleetVersion, fleet);
            Interlocked.Exchange(ref _update, update);
            Interlocked.Exchange(ref _wallClockHigh, (int)(wallClockOffsetS >> 32));
            Interlocked.Exchange(ref _wallClockLow, (int)wallClockOffsetS);
            if (statusChanged)
                Interlocked.Increment(ref _statusVersion);
            Interlocked.Increment(ref _version);
        }

        /// <summary>Network thread: copies the snapshot into <paramref name="view"/>.</summary>
        /// <returns>false when the control thread kept writing during every try (the view keeps its last copy)</returns>
        public bool CopyTo(StatusView view, out bool charging)
        {
            charging = false;
            for (var i = 0; i < MaxCopyTries; i++)
            {
                var before = Interlocked.CompareExchange(ref _version, 0, 0);
                if ((before & 1) != 0)
                    continue;
                var status = Read(ref _status);
                var error = Read(ref _error);
                var raised = Read(ref _raised);
                var latched = Read(ref _latched);
                var cp = Read(ref _cp);
                var advertisedMa = Read(ref _advertisedMa);
                var chargingWord = Read(ref _charging);
                var bootNumber = Read(ref _bootNumber);
                var bootReason = Read(ref _bootReason);
                var tariff = Read(ref _tariffVersion);
                var schedule = Read(ref _scheduleVersion);
                var fleet = Read(ref _fleetVersion);
                var update = Read(ref _update);
                if (Interlocked.CompareExchange(ref _version, 0, 0) != before)
                    continue;
                view.Set((ConnectorStatus)status, (ErrorCode)error, raised, latched, bootNumber, (BootReason)bootReason,
                    (PilotState)cp, advertisedMa);
                view.SetTables(tariff, schedule, fleet, update);
                charging = chargingWord != 0;
                return true;
            }
            return false;
        }

        /// <summary>Network thread: Unix seconds at <paramref name="nowMs"/>, 0 while the pile's clock is not set.</summary>
        public long UnixS(long nowMs)
        {
            for (var i = 0; i < MaxCopyTries; i++)
            {
                var before = Interlocked.CompareExchange(ref _version, 0, 0);
                if ((before & 1) != 0)
                    continue;
                var offsetS = ((long)Read(ref _wallClockHigh) << 32) | (uint)Read(ref _wallClockLow);
                if (Interlocked.CompareExchange(ref _version, 0, 0) == before)
                    return offsetS == 0 ? 0 : offsetS + nowMs / 1000;
            }
            return 0;
        }

        private static int Read(ref int word) => Interlocked.CompareExchange(ref word, 0, 0);
    }
}

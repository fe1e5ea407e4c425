using System.Threading;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Telemetry;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// What the network thread needs of the control thread's state, as a few words the control thread writes after each
    /// tick and the network thread copies out without a lock (<see cref="SnapshotWords"/>). They change only when
    /// something the status or telemetry shows changed, so a tick usually writes nothing.
    /// </summary>
    public sealed class StatusSnapshot
    {
        private const int Status = 0;
        private const int Error = 1;
        private const int Raised = 2;
        private const int Latched = 3;
        private const int Cp = 4;
        private const int AdvertisedMa = 5;
        private const int Charging = 6;
        private const int BootNumber = 7;
        private const int BootReasonWord = 8;
        private const int TariffVersion = 9;
        private const int ScheduleVersion = 10;
        private const int FleetVersion = 11;
        private const int Update = 12;
        private const int WallClockHigh = 13;
        private const int WallClockLow = 14;
        private const int Words = 15;

        private readonly SnapshotWords _words = new SnapshotWords(Words);
        /// <summary>The network thread's copy.</summary>
        private readonly int[] _copy = new int[Words];
        private long _wallClockOffsetS;
        private int _statusVersion;

        /// <summary>Changes with every write (odd while one is under way); read by the network thread.</summary>
        public int Version => _words.Version;

        /// <summary>Changes whenever the status message would change (connector status, error, faults, boot, a table's version); read by the network thread.</summary>
        public int StatusVersion => Interlocked.CompareExchange(ref _statusVersion, 0, 0);

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
            var w = _words;
            var statusChanged = (int)pile.Status != w[Status] || (int)pile.Error != w[Error] || raised != w[Raised] || latched != w[Latched] ||
                bootNumber != w[BootNumber] || (int)bootReason != w[BootReasonWord] ||
                tariff != w[TariffVersion] || schedule != w[ScheduleVersion] || fleet != w[FleetVersion] || update != w[Update];
            if (!statusChanged && (int)pile.PilotState == w[Cp] && pile.AdvertisedMa == w[AdvertisedMa] && charging == w[Charging] &&
                wallClockOffsetS == _wallClockOffsetS)
                return;
            _wallClockOffsetS = wallClockOffsetS;
            w.BeginWrite();
            w.Set(Status, (int)pile.Status);
            w.Set(Error, (int)pile.Error);
            w.Set(Raised, raised);
            w.Set(Latched, latched);
            w.Set(Cp, (int)pile.PilotState);
            w.Set(AdvertisedMa, pile.AdvertisedMa);
            w.Set(Charging, charging);
            w.Set(BootNumber, bootNumber);
            w.Set(BootReasonWord, (int)bootReason);
            w.Set(TariffVersion, tariff);
            w.Set(ScheduleVersion, schedule);
            w.Set(FleetVersion, fleet);
            w.Set(Update, update);
            w.Set(WallClockHigh, (int)(wallClockOffsetS >> 32));
            w.Set(WallClockLow, (int)wallClockOffsetS);
            if (statusChanged)
                Interlocked.Increment(ref _statusVersion);
            w.EndWrite();
        }

        /// <summary>Network thread: copies the snapshot into <paramref name="view"/>.</summary>
        /// <returns>false when the control thread kept writing during every try (the view keeps its last copy)</returns>
        public bool CopyTo(StatusView view, out bool charging)
        {
            charging = false;
            if (!_words.CopyTo(_copy))
                return false;
            var c = _copy;
            view.Set((ConnectorStatus)c[Status], (ErrorCode)c[Error], c[Raised], c[Latched], c[BootNumber], (BootReason)c[BootReasonWord],
                (PilotState)c[Cp], c[AdvertisedMa]);
            view.SetTables(c[TariffVersion], c[ScheduleVersion], c[FleetVersion], c[Update]);
            charging = c[Charging] != 0;
            return true;
        }

        /// <summary>Network thread: Unix seconds at <paramref name="nowMs"/>, 0 while the pile's clock is not set.</summary>
        public long UnixS(long nowMs)
        {
            if (!_words.CopyTo(_copy))
                return 0;
            var offsetS = ((long)_copy[WallClockHigh] << 32) | (uint)_copy[WallClockLow];
            return offsetS == 0 ? 0 : offsetS + nowMs / 1000;
        }
    }
}

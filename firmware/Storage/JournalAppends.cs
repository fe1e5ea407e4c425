namespace ChargeController.Firmware.Storage
{
    /// <summary>The journal's record kinds, each encoded into the one record buffer and committed (<see cref="Commit"/>).</summary>
    public sealed partial class Journal
    {
        /// <param name="unixS">the boot's wall-clock time, 0 while unknown (fields after the first ones are optional: older records lack them)</param>
        public bool AppendBoot(int bootNumber, int reason, long uptimeMs = 0, long unixS = 0)
        {
            Begin(JournalRecordKind.Boot);
            _writer.PutInt32(bootNumber);
            _writer.PutByte(reason);
            _writer.PutInt64(uptimeMs);
            _writer.PutInt64(unixS);
            return Commit();
        }

        public bool AppendSessionOpen(string sessionId, string idTag, long startUnixS, long startWh, int flags, long uptimeMs = 0)
        {
            Begin(JournalRecordKind.SessionOpen);
            _writer.PutString(sessionId);
            _writer.PutString(idTag);
            _writer.PutInt64(startUnixS);
            _writer.PutInt64(startWh);
            _writer.PutByte(flags);
            _writer.PutInt64(uptimeMs);
            return Commit();
        }

        public bool AppendCheckpoint(string sessionId, long wh, int uptimeS)
        {
            Begin(JournalRecordKind.SessionCheckpoint);
            _writer.PutString(sessionId);
            _writer.PutInt64(wh);
            _writer.PutInt32(uptimeS);
            return Commit();
        }

        /// <param name="idTag">and <paramref name="startWh"/>: repeated from the open record, so the session-end event is one record</param>
        /// <param name="bandsWh">the session's energy by tariff band (<see cref="MaxBands"/>, adding up to its energy), or null without a tariff</param>
        /// <param name="solarWh">the session's energy from the site's export, or -1 when not known. After the band count (0
        /// without bands), so a firmware that reads no solar share skips it: it reads bands only when the count is theirs.</param>
        public bool AppendSessionClose(string sessionId, int reason, long stopWh, int flags, long stopUnixS, long uptimeMs = 0,
            string idTag = "", long startWh = -1, int[] bandsWh = null, int solarWh = -1)
        {
            Begin(JournalRecordKind.SessionClose);
            _writer.PutString(sessionId);
            _writer.PutByte(reason);
            _writer.PutInt64(stopWh);
            _writer.PutByte(flags);
            _writer.PutInt64(stopUnixS);
            _writer.PutInt64(uptimeMs);
            _writer.PutString(idTag ?? "");
            _writer.PutInt64(startWh);
            if (bandsWh != null || solarWh >= 0)
                _writer.PutByte(bandsWh == null ? 0 : MaxBands);
            for (var i = 0; bandsWh != null && i < MaxBands; i++)
                _writer.PutInt32(bandsWh[i]);
            if (solarWh >= 0)
                _writer.PutInt32(solarWh);
            return Commit();
        }

        public bool AppendFault(int fault, bool active, bool latched, int retries, long unixS, long uptimeMs = 0)
        {
            Begin(JournalRecordKind.Fault);
            _writer.PutByte(fault);
            _writer.PutByte((active ? 1 : 0) | (latched ? 2 : 0));
            _writer.PutInt32(retries);
            _writer.PutInt64(unixS);
            _writer.PutInt64(uptimeMs);
            return Commit();
        }

        /// <summary>A configuration key was changed and stored: a platform event.</summary>
        public bool AppendConfigChange(string key, string value, bool atNextBoot, long uptimeMs, long unixS)
        {
            Begin(JournalRecordKind.ConfigChange);
            _writer.PutString(key);
            _writer.PutString(value);
            _writer.PutByte(atNextBoot ? 1 : 0);
            _writer.PutInt64(uptimeMs);
            _writer.PutInt64(unixS);
            return Commit();
        }

        /// <param name="detail">a rejection's or rollback's reason, a download's file, or null</param>
        /// <param name="package">the package's name (last: a record written before it was kept ends before it)</param>
        public bool AppendUpdate(int state, string detail, int version, int fromVersion, long stagedBytes, long totalBytes, long uptimeMs, long unixS,
            string package)
        {
            Begin(JournalRecordKind.Update);
            _writer.PutByte(state);
            _writer.PutString(detail == null ? "" : detail, 48);
            _writer.PutInt32(version);
            _writer.PutInt32(fromVersion);
            _writer.PutInt32((int)stagedBytes);
            _writer.PutInt32((int)totalBytes);
            _writer.PutInt64(uptimeMs);
            _writer.PutInt64(unixS);
            _writer.PutString(package == null ? "" : package, 48);
            return Commit();
        }

        /// <summary>The most of a console record's action and reason kept, in UTF-8 bytes: a record stays within <see cref="MaxRecordBytes"/>.</summary>
        public const int ConsoleActionBytes = 40;
        public const int ConsoleReasonBytes = 52;

        /// <param name="action">login, logout, or the protected command line (never a PIN)</param>
        /// <param name="reason">why it was refused, or null when accepted</param>
        public bool AppendConsole(string action, string reason, long unixS, long uptimeMs)
        {
            Begin(JournalRecordKind.Console);
            _writer.PutByte(reason == null ? 1 : 0);
            _writer.PutString(action, ConsoleActionBytes);
            _writer.PutString(reason == null ? "" : reason, ConsoleReasonBytes);
            _writer.PutInt64(unixS);
            _writer.PutInt64(uptimeMs);
            return Commit();
        }
    }
}

using ChargeController.Firmware.Events;
using ChargeController.Loader;

namespace ChargeController.Firmware.Console
{
    /// <summary>
    /// Who may do what at the console (control thread): login with the technician PIN, compared as salted digests; the
    /// factory PIN, which allows only setting a technician PIN; <see cref="MaxFailures"/> wrong PINs in a row lock logins
    /// out for <see cref="LockoutMs"/>, and the lock-out and the count survive a reboot (a reboot restarts the lock-out);
    /// a login ends after <see cref="IdleLogoutMs"/> without a line typed. Every login, failed login and logout is an
    /// event of the core's stream, so the journal and the platform see it.
    /// </summary>
    public sealed class ConsoleAccess
    {
        public const int MaxFailures = 5;
        public const long LockoutMs = 5 * 60 * 1000;
        public const long IdleLogoutMs = 10 * 60 * 1000;
        /// <summary>The factory PIN of a build that sets none: it only allows `pin change`.</summary>
        public const string DefaultFactoryPin = "000000";

        private readonly ConsoleAccessStore _store;
        private readonly ConsoleAccessRecord _record;
        private readonly EventRing _events;
        private long _lockedUntilMs;
        private long _lastActivityMs;

        /// <param name="newSalt">the salt to use if this pile has none yet (unique per pile, e.g. from its MAC and a random source)</param>
        public ConsoleAccess(ConsoleAccessStore store, byte[] newSalt, EventRing events, long nowMs)
        {
            _store = store;
            _events = events;
            bool corrupt;
            _record = store.Load(out corrupt);
            if (corrupt)
                events.ConfigWarning(nowMs, "console access file is damaged: the factory PIN applies until a technician PIN is set");
            if (_record == null)
            {
                _record = new ConsoleAccessRecord();
                System.Array.Copy(newSalt, _record.Salt, PinHasher.SaltBytes);
            }
            if (_record.Locked)
                _lockedUntilMs = nowMs + LockoutMs;
        }

        /// <summary>The pile's salt, fixed for the run: handed to the console thread's hasher at start-up.</summary>
        public byte[] Salt => _record.Salt;

        public AccessLevel Level { get; private set; }

        /// <summary>The last login ended because nobody typed for <see cref="IdleLogoutMs"/>.</summary>
        public bool EndedIdle { get; private set; }

        /// <summary>How much longer logins are locked out, 0 when they are not.</summary>
        public long LockedForMs(long nowMs) => _record.Locked && nowMs < _lockedUntilMs ? _lockedUntilMs - nowMs : 0;

        /// <summary>Refuses a login attempt during a lock-out, before a PIN is asked for.</summary>
        /// <returns>null when a PIN may be tried, else why not</returns>
        public string MayTry(long nowMs)
        {
            EndLockOutIfOver(nowMs);
            var lockedMs = LockedForMs(nowMs);
            if (lockedMs == 0)
                return null;
            var rejection = "console locked for another " + ((lockedMs + 999) / 1000).ToString() + " s after " +
                MaxFailures.ToString() + " wrong PINs";
            _events.Console(nowMs, "login", rejection);
            return rejection;
        }

        /// <param name="pin">a secret line: digest and shape of what was typed</param>
        /// <returns>null when logged in, else why not</returns>
        public string Login(ConsoleLine pin, long nowMs)
        {
            var refusal = MayTry(nowMs);
            if (refusal != null)
                return refusal;
            var good = _record.FactoryPin ? pin.Shape == ConsoleLine.ShapeFactory
                : pin.Shape != ConsoleLine.ShapeMalformed && PinHasher.Same(pin.Digest, _record.PinHash);
            if (good)
            {
                Level = _record.FactoryPin ? AccessLevel.Factory : AccessLevel.Technician;
                EndedIdle = false;
                _lastActivityMs = nowMs;
                if (_record.Failures > 0)
                {
                    _record.Failures = 0;
                    _store.Save(_record);
                }
                _events.Console(nowMs, "login", null);
                return null;
            }
            _record.Failures++;
            string rejection;
            if (_record.Failures >= MaxFailures)
            {
                _record.Locked = true;
                _lockedUntilMs = nowMs + LockoutMs;
                rejection = "wrong PIN: " + MaxFailures.ToString() + " in a row, console locked for " + (LockoutMs / 60000).ToString() + " minutes";
            }
            else
            {
                rejection = "wrong PIN (" + _record.Failures.ToString() + " of " + MaxFailures.ToString() + " before a lock-out)";
            }
            _store.Save(_record);
            _events.Console(nowMs, "login", rejection);
            return rejection;
        }

        /// <summary>Stores a new technician PIN (its digest) and logs in with it; <see cref="PinStored"/> tells when it is on flash.</summary>
        /// <returns>the save to ask <see cref="PinStored"/> about</returns>
        public int ChangePin(byte[] digest, long nowMs)
        {
            System.Array.Copy(digest, _record.PinHash, Sha256.DigestBytes);
            _record.FactoryPin = false;
            _record.Failures = 0;
            var save = _store.Save(_record);
            Level = AccessLevel.Technician;
            _lastActivityMs = nowMs;
            _events.Console(nowMs, "pin change", null);
            return save;
        }

        /// <summary>Whether the new PIN's save has finished; <paramref name="rejection"/> is then null when it is on flash.</summary>
        public bool PinStored(int save, out string rejection)
        {
            rejection = null;
            if (!_store.Settled(save))
                return false;
            if (!_store.Held)
                rejection = "the flash refused the new PIN: it holds now and the pile writes it again every 5 s, but until a write succeeds a restart brings back the old PIN";
            return true;
        }

        public void Logout(long nowMs)
        {
            if (Level == AccessLevel.None)
                return;
            Level = AccessLevel.None;
            EndedIdle = false;
            _events.Console(nowMs, "logout", null);
        }

        /// <summary>Every control-thread pass: a save of the access record that waited for an earlier one goes to flash.</summary>
        public void Pump(long nowMs) => _store.Pump(nowMs);

        /// <summary>Every change of the access record (failed logins, a lock-out, a PIN) has been written, or failed to be.</summary>
        public bool Saved => _store.AllSettled;

        /// <summary>A line was typed.</summary>
        public void Touch(long nowMs) => _lastActivityMs = nowMs;

        /// <summary>Every control-thread pass: ends a login nobody has used for <see cref="IdleLogoutMs"/>.</summary>
        public void ExpireIdle(long nowMs)
        {
            if (Level == AccessLevel.None || nowMs - _lastActivityMs < IdleLogoutMs)
                return;
            Level = AccessLevel.None;
            EndedIdle = true;
            _events.Console(nowMs, "logout (idle)", null);
        }

        private void EndLockOutIfOver(long nowMs)
        {
            if (!_record.Locked || nowMs < _lockedUntilMs)
                return;
            _record.Locked = false;
            _record.Failures = 0;
            _store.Save(_record);
        }
    }
}

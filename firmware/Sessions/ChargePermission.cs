using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Safety;

namespace ChargeController.Firmware.Sessions
{
    /// <summary>
    /// Who may charge on this plug-in and whether a stop is under way: the authorisation (by the plug-in itself, or a
    /// start command naming an id tag), stop requests and stopping faults, and ending sessions with their stop reason
    /// once the contactor has opened. A plug-in whose session has ended is finished until the plug comes out or a new
    /// authorisation comes.
    /// </summary>
    public sealed class ChargePermission
    {
        private const string FreeIdTag = "";

        private readonly SessionKeeper _sessions;
        private readonly FaultBook _faults;
        private readonly AuthorizationMode _authMode;
        private readonly OfflinePolicy _offlinePolicy;
        private readonly long _authTimeoutMs;
        private string _idTag;
        private bool _offline;
        private long _authorizedAtMs;
        private StopReason _stopReason;
        private bool _unplugPending;

        public ChargePermission(PileConfig config, SessionKeeper sessions, FaultBook faults)
        {
            _sessions = sessions;
            _faults = faults;
            _authMode = (AuthorizationMode)config.Get(ConfigKeys.AuthMode);
            _offlinePolicy = (OfflinePolicy)config.Get(ConfigKeys.OfflinePolicy);
            _authTimeoutMs = config.Get(ConfigKeys.AuthTimeoutS) * 1000L;
        }

        public bool Authorized { get; private set; }

        public AuthorizationMode Mode => _authMode;

        /// <summary>This plug-in's session has ended: nothing more is offered until the plug comes out or a new authorisation.</summary>
        public bool Finished { get; private set; }

        /// <summary>A stop (a command, or a fault that stops charging) winds the session down: PWM off, open once S2 opens.</summary>
        public bool StopRequested { get; private set; }

        /// <summary>A fault that trips and ends sessions is raised while one runs (as of the last <see cref="Review"/>).</summary>
        public bool FaultEndsSession { get; private set; }

        /// <summary>Charging is wanted on this plug-in: authorised, not finished, no stop under way.</summary>
        public bool Wanted(bool plugged) => plugged && Authorized && !Finished && !StopRequested;

        /// <summary>The plug is to be held: authorised and not finished (a stop winds down with the plug still held).</summary>
        public bool HoldsPlug(bool plugged) => plugged && Authorized && !Finished;

        /// <param name="fleetTag">the id tag is on the local fleet list</param>
        /// <returns>null when granted, else why not</returns>
        public string Grant(string idTag, bool linkOnline, bool fleetTag, long nowMs)
        {
            if (_sessions.Running && !Finished)
                return "a session is running";
            var offline = _authMode == AuthorizationMode.Platform && !linkOnline;
            if (offline && _offlinePolicy == OfflinePolicy.Refuse)
                return "platform link down and offline policy is refuse";
            if (offline && _offlinePolicy == OfflinePolicy.Fleet && !fleetTag)
                return "platform link down: only fleet id tags may start (offline policy fleet)";
            Authorized = true;
            _idTag = idTag;
            _offline = offline;
            _authorizedAtMs = nowMs;
            Finished = false;
            return null;
        }

        /// <returns>null when accepted, else why not</returns>
        public string RequestStop(StopReason reason)
        {
            if (!Authorized && !_sessions.Running)
                return "nothing to stop";
            StopRequested = true;
            _stopReason = reason;
            return null;
        }

        public void PlugIn()
        {
            Finished = false;
            if (_authMode == AuthorizationMode.Free && !Authorized)
            {
                Authorized = true; // plug and charge: the plug-in is the authorisation
                _idTag = FreeIdTag;
                _offline = false;
            }
        }

        public void Unplug()
        {
            _unplugPending = true; // the session ends once this tick has opened the contactor
            Authorized = false;
            Finished = false;
            StopRequested = false;
        }

        /// <summary>
        /// Before the tick's decisions: a fault that ends sessions finishes this plug-in, one that stops charging winds it
        /// down like a stop command, and an authorisation waiting for a plug expires after <c>auth.timeoutS</c>.
        /// </summary>
        public void Review(bool plugged, long nowMs)
        {
            var sessionRunning = _sessions.Running;
            FaultEndsSession = sessionRunning && _faults.AnyEndingSession(FaultAction.Trip);
            if (FaultEndsSession)
            {
                Finished = true;
                Authorized = false;
            }
            else if (sessionRunning && !StopRequested && _faults.AnyEndingSession(FaultAction.Stop))
            {
                StopRequested = true;
                _stopReason = StopReason.Other;
            }
            if (Authorized && !plugged && nowMs - _authorizedAtMs > _authTimeoutMs)
                Authorized = false;
        }

        /// <summary>The contactor is about to close: opens the session, and says whether its open record is durable.</summary>
        public bool ReadyToClose(long openedAtMs, long nowMs) => _sessions.ReadyToClose(_idTag, _offline, openedAtMs, nowMs);

        /// <summary>
        /// After the contactor decision: sessions end after the contactor has opened, so their end (and stop reading)
        /// follows the current.
        /// </summary>
        public void EndSessions(bool contactorClosed, long openedAtMs, bool plugged, long nowMs)
        {
            if (FaultEndsSession)
                _sessions.End(_faults.IsEmergencyStop ? StopReason.EmergencyStop : StopReason.Other, contactorClosed, openedAtMs, nowMs);
            if (_unplugPending)
            {
                _sessions.End(StopReason.EVDisconnected, contactorClosed, openedAtMs, nowMs);
                _unplugPending = false;
            }
            if (StopRequested && !contactorClosed)
            {
                _sessions.End(_stopReason, contactorClosed, openedAtMs, nowMs);
                StopRequested = false;
                Authorized = false;
                Finished = plugged;
            }
        }
    }
}

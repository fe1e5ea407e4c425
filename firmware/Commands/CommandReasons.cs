namespace ChargeController.Firmware.Commands
{
    /// <summary>The machine-readable reasons of command results (docs/mqtt-api.md, Commands, lists when each is given).</summary>
    public static class CommandReasons
    {
        // Accepted
        public const string Ok = "ok";
        /// <summary>Accepted, but there was nothing to do (a start in free mode).</summary>
        public const string NoOp = "no-op";

        // Rejected before the command is read
        public const string Oversized = "oversized";
        public const string Malformed = "malformed";
        public const string BadEnvelope = "bad-envelope";
        public const string UnsupportedVersion = "unsupported-version";
        public const string UnknownCommand = "unknown-command";
        public const string Expired = "expired";
        public const string NoClock = "no-clock";
        /// <summary>The mailbox was full; given by the network thread, the command never reached the pile.</summary>
        public const string Busy = "busy";

        // Rejected after reading it
        public const string BadArgument = "bad-argument";
        public const string StaleVersion = "stale-version";
        public const string ConfirmRequired = "confirm-required";
        /// <summary>Outside opening hours and the id tag is not on the fleet list.</summary>
        public const string Closed = "closed";
        /// <summary>The pile refused in its present state (the text says why: a session is running, faulted, ...).</summary>
        public const string Refused = "refused";
        public const string StorageFailed = "storage-failed";
    }
}

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// What every message to the platform shares: the writer it goes into, the schema version and the pile it starts
    /// with, and how it says when (uptime always, UTC time only while the pile's clock is set).
    /// </summary>
    public abstract class MessageEncoder
    {
        /// <summary>"v" of every message; raised when a field changes meaning or goes (fields may be added within a version).</summary>
        public const int SchemaVersion = 1;

        /// <summary>
        /// The writer capacity every message fits in: the worst case is a status with every fault raised, a 32-character
        /// pile id and firmware version (asserted by the tests).
        /// </summary>
        public const int MaxBytes = 2304;

        private readonly JsonWriter _writer;
        private readonly string _pileId;

        protected MessageEncoder(JsonWriter writer, string pileId)
        {
            _writer = writer;
            _pileId = pileId;
        }

        /// <summary>Starts a new message in the writer: the opening brace, "v" and "pile".</summary>
        protected JsonWriter Begin() => _writer.Reset().BeginObject().Integer("v", SchemaVersion).String("pile", _pileId);

        /// <param name="unixS">Unix seconds, or 0 while the wall clock is unknown (the time is then left out)</param>
        protected JsonWriter Times(long uptimeMs, long unixS)
        {
            _writer.Integer("uptimeMs", uptimeMs);
            if (unixS > 0)
                _writer.UtcTime("time", unixS);
            return _writer;
        }

        /// <summary>Closes the message.</summary>
        /// <returns>false when it did not fit the writer</returns>
        protected bool End()
        {
            _writer.EndObject();
            return !_writer.Overflowed;
        }
    }
}

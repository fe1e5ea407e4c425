namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// What every message to the platform starts with (the schema version and the pile) and how it says when: uptime
    /// always, UTC time only while the pile's clock is set.
    /// </summary>
    public static class MessageHeader
    {
        /// <summary>"v" of every message; raised when a field changes meaning or goes (fields may be added within a version).</summary>
        public const int SchemaVersion = 1;

        /// <summary>
        /// The writer capacity every message fits in: the worst case is a status with every fault raised, a 32-character
        /// pile id and firmware version (asserted by the tests).
        /// </summary>
        public const int MaxBytes = 2048;

        public static JsonWriter Begin(JsonWriter writer, string pileId) =>
            writer.Reset().BeginObject().Integer("v", SchemaVersion).String("pile", pileId);

        /// <param name="unixS">Unix seconds, or 0 while the wall clock is unknown (the time is then left out)</param>
        public static JsonWriter Times(JsonWriter writer, long uptimeMs, long unixS)
        {
            writer.Integer("uptimeMs", uptimeMs);
            if (unixS > 0)
                writer.UtcTime("time", unixS);
            return writer;
        }
    }
}

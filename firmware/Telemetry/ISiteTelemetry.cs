namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The telemetry's "site" object (site.mode limit or solar; docs/mqtt-api.md), written by the runtime's site snapshot
    /// on the network thread. An interface here: the firmware assembly is at the size nanoFramework's MetadataProcessor
    /// can still convert, so the site's code lives in the runtime assembly.
    /// </summary>
    public interface ISiteTelemetry
    {
        /// <summary>Writes "site":{...} into the message being built.</summary>
        void Encode(JsonWriter writer);
    }
}

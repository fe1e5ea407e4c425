namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The fields of the health events, which the runtime's health monitor defines (runtime/Health/HealthMessage.cs): the
    /// encoder of the outbox hands their journal records over. An interface, so the firmware's assembly stays free of the
    /// health code (nanoFramework's metadata processor takes at most 64 KB of byte code an assembly).
    /// </summary>
    public interface IEventFields
    {
        /// <summary>A health-warning record's fields after the envelope.</summary>
        void Warning(JsonWriter w, Storage.JournalReader r);

        /// <summary>A day's health record's fields after the envelope.</summary>
        void Daily(JsonWriter w, Storage.JournalReader r);
    }
}

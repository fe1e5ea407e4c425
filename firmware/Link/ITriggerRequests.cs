namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// The platform's trigger command as the network thread sees it: a request raised on the control thread, taken once
    /// here (single words, never a wait).
    /// </summary>
    public interface ITriggerRequests
    {
        /// <summary>The status is to be published now (true once per request).</summary>
        bool TakeStatus();

        /// <summary>A telemetry message is to be published now (true once per request).</summary>
        bool TakeTelemetry();
    }
}

namespace ChargeController.Firmware.Commands
{
    /// <summary>What commands ask of the runtime around the core (called on the control thread; must not block).</summary>
    public interface ICommandHost
    {
        /// <summary>A planned reboot, now (the handler waits for the session's end when asked to).</summary>
        void Reboot();

        /// <summary>Publish the status (false) or a telemetry message (true) now.</summary>
        void Trigger(bool telemetry);
    }
}

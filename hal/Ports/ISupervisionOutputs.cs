namespace ChargeController.Hal
{
    /// <summary>
    /// What the supervisor needs from the board besides the pile's own outputs: the external hardware watchdog (a chip
    /// that resets the ESP32 unless its input is toggled in time, since no managed watchdog exists) and a reboot.
    /// </summary>
    public interface ISupervisionOutputs
    {
        /// <summary>Toggles the external watchdog's input. Called only while the control loop is healthy.</summary>
        void KickWatchdog();

        /// <summary>Restarts the device (Power.RebootDevice on nanoFramework). Does not return on the device.</summary>
        void Reboot();
    }
}

namespace ChargeController.Firmware.Safety
{
    public enum FaultAction
    {
        /// <summary>Open the contactor at once, whatever the vehicle is doing; the connector is Faulted.</summary>
        Trip,
        /// <summary>Stop the PWM and let the vehicle wind down (open after S2 opens, 3 s at the latest).</summary>
        Stop,
        /// <summary>Report only.</summary>
        Warn,
    }
}

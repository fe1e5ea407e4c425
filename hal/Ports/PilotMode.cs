namespace ChargeController.Hal
{
    /// <summary>What the pile drives onto the control pilot.</summary>
    public enum PilotMode
    {
        /// <summary>Constant +12 V: no PWM, the vehicle may not draw current (states A1, B1, C1).</summary>
        Off,
        /// <summary>1 kHz +-12 V square wave whose duty advertises the maximum current.</summary>
        Pwm,
        /// <summary>Constant -12 V: state F, the pile is not available.</summary>
        StateF,
    }
}

namespace ChargeController.Hal
{
    /// <summary>
    /// The control-pilot line: the oscillator the pile drives through R1, and the voltage sampled behind it. The board
    /// samples the high and low half of each PWM period and turns ADC counts into millivolts with its calibration.
    /// </summary>
    public interface IControlPilot
    {
        /// <param name="mode">off (+12 V), PWM or state F (-12 V)</param>
        /// <param name="dutyPermille">PWM duty in permille, used only in <see cref="PilotMode.Pwm"/></param>
        void Drive(PilotMode mode, int dutyPermille);

        /// <summary>Level of the high half of the waveform (the whole signal when not in PWM), in millivolts.</summary>
        int HighLevelMv { get; }

        /// <summary>Level of the low half of the waveform while PWM runs (-12 V with a healthy vehicle diode), in millivolts.</summary>
        int LowLevelMv { get; }
    }
}

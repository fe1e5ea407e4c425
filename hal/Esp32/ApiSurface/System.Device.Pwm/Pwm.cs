// Surface of nanoframework/System.Device.Pwm v1.1.23: only the members hal/Esp32 uses, signatures as published.
namespace System.Device.Pwm
{
    /// <summary>System.Device.Pwm/PwmChannel.cs</summary>
    public sealed class PwmChannel : IDisposable
    {
        public PwmChannel(int chip, int channel, int frequency = 400, double dutyCyclePercentage = 0.5) => throw null;

        /// <summary>0.0 .. 1.0 (despite the parameter names, a ratio, not a percentage)</summary>
        public double DutyCycle { get => throw null; set => throw null; }

        public void Start() => throw null;
        public void Stop() => throw null;
        public static PwmChannel CreateFromPin(int pin, int frequency = 400, double dutyCyclePercentage = 0.5) => throw null;
        public void Dispose() => throw null;
    }
}

// Surface of nanoframework/System.Device.Gpio v1.1.62: only the members hal/Esp32 uses, signatures as published.
namespace System.Device.Gpio
{
    /// <summary>System.Device.Gpio/GpioController.cs</summary>
    public sealed class GpioController : IDisposable
    {
        public GpioController() => throw null;
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw null;
        public void Dispose() => throw null;
    }

    /// <summary>System.Device.Gpio/GpioPin.cs</summary>
    public sealed class GpioPin : IDisposable
    {
        internal GpioPin(int pinNumber) => throw null;
        public PinValue Read() => throw null;
        public void Write(PinValue value) => throw null;
        public void Toggle() => throw null;
        public void Dispose() => throw null;
    }

    /// <summary>System.Device.Gpio/PinMode.cs</summary>
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    /// <summary>System.Device.Gpio/PinValue.cs</summary>
    public readonly struct PinValue
    {
        private readonly byte _value;
        public static PinValue High => throw null;
        public static PinValue Low => throw null;
        public static implicit operator PinValue(bool value) => throw null;
        public static bool operator ==(PinValue a, PinValue b) => throw null;
        public static bool operator !=(PinValue a, PinValue b) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
    }
}

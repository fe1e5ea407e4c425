// Surface of nanoframework/System.Device.Adc v1.1.24: only the members hal/Esp32 uses, signatures as published.
namespace System.Device.Adc
{
    /// <summary>System.Device.Adc/AdcControllerBase.cs</summary>
    public abstract class AdcControllerBase
    {
        public abstract AdcChannel OpenChannel(int channelNumber);
    }

    /// <summary>System.Device.Adc/AdcController.cs (on ESP32: ADC1, 12 bits, 12 dB attenuation)</summary>
    public class AdcController : AdcControllerBase
    {
        public AdcController() => throw null;
        public override AdcChannel OpenChannel(int channelNumber) => throw null;
    }

    /// <summary>System.Device.Adc/AdcChannelBase.cs</summary>
    public abstract class AdcChannelBase
    {
        public abstract int ReadValue();
    }

    /// <summary>System.Device.Adc/AdcChannel.cs</summary>
    public class AdcChannel : AdcChannelBase, IDisposable
    {
        internal AdcChannel(AdcController controller, int channelNumber) => throw null;
        public override int ReadValue() => throw null;
        public void Dispose() => throw null;
    }
}

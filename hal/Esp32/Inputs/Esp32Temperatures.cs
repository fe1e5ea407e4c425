using System.Device.Adc;
using ChargeController.Hal;

namespace ChargeController.Esp32.Inputs
{
    /// <summary>Two NTC thermistors (enclosure, connector) on ADC1 channels, each below a pull-up; mV to 0.1 C by a table.</summary>
    public sealed class Esp32Temperatures : ITemperatures
    {
        private readonly AdcChannel _enclosure;
        private readonly AdcChannel _connector;
        private readonly LinearCalibration _countsToPinMv;
        private readonly PiecewiseLinear _pinMvToDeciC;

        public Esp32Temperatures(AdcChannel enclosure, AdcChannel connector, LinearCalibration countsToPinMv, PiecewiseLinear pinMvToDeciC)
        {
            _enclosure = enclosure;
            _connector = connector;
            _countsToPinMv = countsToPinMv;
            _pinMvToDeciC = pinMvToDeciC;
        }

        public int EnclosureDeciC => _pinMvToDeciC.At(_countsToPinMv.ToMillivolts(_enclosure.ReadValue()));

        public int ConnectorDeciC => _pinMvToDeciC.At(_countsToPinMv.ToMillivolts(_connector.ReadValue()));
    }
}

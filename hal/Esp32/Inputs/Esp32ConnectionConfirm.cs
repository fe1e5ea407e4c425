using System.Device.Adc;
using ChargeController.Hal;

namespace ChargeController.Esp32.Inputs
{
    /// <summary>The CC coding resistor to PE, read on an ADC1 channel through a pull-up to the 3.3 V rail.</summary>
    public sealed class Esp32ConnectionConfirm : IConnectionConfirm
    {
        private readonly AdcChannel _adc;
        private readonly LinearCalibration _countsToPinMv;
        private readonly int _pullUpMv;
        private readonly int _pullUpOhms;
        private readonly int _openMarginMv;

        public Esp32ConnectionConfirm(AdcChannel adc, LinearCalibration countsToPinMv, int pullUpMv, int pullUpOhms, int openMarginMv)
        {
            _adc = adc;
            _countsToPinMv = countsToPinMv;
            _pullUpMv = pullUpMv;
            _pullUpOhms = pullUpOhms;
            _openMarginMv = openMarginMv;
        }

        public int ResistanceOhms =>
            PullUpDivider.LowerOhms(_countsToPinMv.ToMillivolts(_adc.ReadValue()), _pullUpMv, _pullUpOhms, _openMarginMv);
    }
}

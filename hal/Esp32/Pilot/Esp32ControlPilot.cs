using System.Device.Adc;
using System.Device.Pwm;
using ChargeController.Hal;

namespace ChargeController.Esp32.Pilot
{
    /// <summary>
    /// The pilot oscillator on an LEDC PWM channel at 1 kHz (duty 1.0 holds +12 V, 0.0 holds -12 V through the
    /// non-inverting +-12 V driver) and the pilot level on an ADC1 channel behind the measuring divider. Once per clock
    /// millisecond a burst of unsynchronised samples is taken; its high and low plateaus become the two levels
    /// (docs/hardware.md: why a burst, and how long it must be).
    /// </summary>
    public sealed class Esp32ControlPilot : IControlPilot
    {
        private const int FullScaleCounts = 4095;

        private readonly PwmChannel _pwm;
        private readonly AdcChannel _adc;
        private readonly LinearCalibration _countsToPilotMv;
        private readonly IMonotonicClock _clock;
        private readonly int[] _samples;
        private readonly int _plateauBandCounts;
        private PilotMode _mode;
        private long _sampledAtMs = -1;
        private int _highMv;
        private int _lowMv;

        public Esp32ControlPilot(PwmChannel pwm, AdcChannel adc, LinearCalibration countsToPilotMv, IMonotonicClock clock,
            int samplesPerBurst, int plateauBandCounts)
        {
            _pwm = pwm;
            _adc = adc;
            _countsToPilotMv = countsToPilotMv;
            _clock = clock;
            _samples = new int[samplesPerBurst];
            _plateauBandCounts = plateauBandCounts;
            Drive(PilotMode.Off, 0);
            _pwm.Start();
        }

        public void Drive(PilotMode mode, int dutyPermille)
        {
            _mode = mode;
            _pwm.DutyCycle = mode == PilotMode.Pwm ? dutyPermille / 1000.0 : mode == PilotMode.Off ? 1.0 : 0.0;
        }

        public int HighLevelMv
        {
            get
            {
                SampleOncePerMs();
                return _highMv;
            }
        }

        public int LowLevelMv
        {
            get
            {
                SampleOncePerMs();
                return _lowMv;
            }
        }

        private void SampleOncePerMs()
        {
            var now = _clock.NowMs;
            if (now == _sampledAtMs)
                return;
            _sampledAtMs = now;
            var count = _samples.Length;
            for (var i = 0; i < count; i++)
                _samples[i] = _adc.ReadValue();
            // A constant level has no low half: both levels are the mean of the whole burst.
            var band = _mode == PilotMode.Pwm ? _plateauBandCounts : FullScaleCounts;
            _highMv = _countsToPilotMv.ToMillivolts(SquareWavePlateaus.High(_samples, count, band));
            _lowMv = _mode == PilotMode.Pwm ? _countsToPilotMv.ToMillivolts(SquareWavePlateaus.Low(_samples, count, band)) : _highMv;
        }
    }
}

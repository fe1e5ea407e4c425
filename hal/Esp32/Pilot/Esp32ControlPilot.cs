using System.Device.Adc;
using System.Device.Pwm;
using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Esp32.Pilot
{
    /// <summary>
    /// The pilot oscillator on an LEDC PWM channel at 1 kHz (duty 1.0 holds +12 V, 0.0 holds -12 V through the
    /// non-inverting +-12 V driver) and the pilot level on an ADC1 channel behind the measuring divider. Once per clock
    /// millisecond a burst of unsynchronised samples is taken; its high and low plateaus become the two levels
    /// (docs/hardware.md: why a burst, and how long it must be).
    ///
    /// Two threads read the levels: the control thread and the safety thread (its safety loop). A burst is taken by one
    /// caller at a time: the other, finding a burst under way, reads the levels of the last one (a millisecond old), so
    /// the one sample buffer is never filled by both. The levels and the millisecond of the last burst are ints, written
    /// and read whole.
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
        private int _sampledAtMs = -1;
        private int _sampling;
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
                return Interlocked.CompareExchange(ref _highMv, 0, 0);
            }
        }

        public int LowLevelMv
        {
            get
            {
                SampleOncePerMs();
                return Interlocked.CompareExchange(ref _lowMv, 0, 0);
            }
        }

        private void SampleOncePerMs()
        {
            var now = (int)_clock.NowMs; // only compared for equality: the wrap after 24 days costs one burst
            if (now == Interlocked.CompareExchange(ref _sampledAtMs, 0, 0))
                return;
            if (Interlocked.CompareExchange(ref _sampling, 1, 0) != 0)
                return; // the other thread is taking this millisecond's burst: the last levels stand
            try
            {
                Interlocked.Exchange(ref _sampledAtMs, now);
                var count = _samples.Length;
                for (var i = 0; i < count; i++)
                    _samples[i] = _adc.ReadValue();
                // A constant level has no low half: both levels are the mean of the whole burst.
                var band = _mode == PilotMode.Pwm ? _plateauBandCounts : FullScaleCounts;
                var highMv = _countsToPilotMv.ToMillivolts(SquareWavePlateaus.High(_samples, count, band));
                Interlocked.Exchange(ref _highMv, highMv);
                Interlocked.Exchange(ref _lowMv, _mode == PilotMode.Pwm ? _countsToPilotMv.ToMillivolts(SquareWavePlateaus.Low(_samples, count, band)) : highMv);
            }
            finally
            {
                Interlocked.Exchange(ref _sampling, 0);
            }
        }
    }
}

namespace ChargeController.Hal
{
    /// <summary>
    /// The high and low plateau of a square wave from samples taken at instants not synchronised with it (the pilot's
    /// 1 kHz PWM read by a managed loop). A plateau is the mean of the samples within <c>bandCounts</c> of the extreme:
    /// samples on an edge fall outside the band, and averaging the rest removes most of the ADC's noise. How many samples a
    /// burst needs so that the short plateau at 10 % or 90 % duty is hit is worked out in docs/hardware.md.
    /// </summary>
    public static class SquareWavePlateaus
    {
        public static int High(int[] samples, int count, int bandCounts)
        {
            var max = samples[0];
            for (var i = 1; i < count; i++)
                if (samples[i] > max)
                    max = samples[i];
            return MeanWithin(samples, count, max - bandCounts, max);
        }

        public static int Low(int[] samples, int count, int bandCounts)
        {
            var min = samples[0];
            for (var i = 1; i < count; i++)
                if (samples[i] < min)
                    min = samples[i];
            return MeanWithin(samples, count, min, min + bandCounts);
        }

        private static int MeanWithin(int[] samples, int count, int from, int to)
        {
            long sum = 0;
            var n = 0;
            for (var i = 0; i < count; i++)
            {
                if (samples[i] < from || samples[i] > to)
                    continue;
                sum += samples[i];
                n++;
            }
            return (int)(sum / n);
        }
    }
}

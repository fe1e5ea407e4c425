namespace ChargeController.Firmware.Pilot
{
    /// <summary>
    /// The GB/T 18487.1 (and IEC 61851-1) mapping between PWM duty and the maximum current the vehicle may draw.
    /// Duty is in permille, current in milliamps, so the whole mapping stays in integers.
    ///   100..850 permille: I = duty x 0.06 A            (6 A at 10 %, 51 A at 85 %)
    ///   850..900 permille: I = (duty / 10 - 64) x 2.5 A (up to 63 A)
    /// </summary>
    public static class PilotDuty
    {
        public const int MinimumCurrentMa = 6000;
        public const int MaximumCurrentMa = 63000;
        public const int MinimumDutyPermille = 100;
        public const int MaximumDutyPermille = 900;
        private const int LowBandTopDutyPermille = 850;
        private const int LowBandTopCurrentMa = 51000;

        /// <summary>
        /// Duty that advertises at most <paramref name="currentMa"/>. Rounds down, so the vehicle is never told more than
        /// allowed. Returns 0 when the current is below the 6 A minimum: the caller must pause instead of advertising less.
        /// </summary>
        public static int FromCurrentMa(int currentMa)
        {
            if (currentMa < MinimumCurrentMa)
                return 0;
            if (currentMa > MaximumCurrentMa)
                currentMa = MaximumCurrentMa;
            if (currentMa <= LowBandTopCurrentMa)
                return currentMa / 60;
            // I = (duty/10 - 64) x 2500 mA  =>  duty = I/250 + 640. Between 51 A and 52.75 A the upper band has no duty
            // that stays at or below the request, so the top of the lower band (51 A) is the closest safe answer.
            var duty = currentMa / 250 + 640;
            if (duty <= LowBandTopDutyPermille)
                return LowBandTopDutyPermille;
            return duty > MaximumDutyPermille ? MaximumDutyPermille : duty;
        }

        /// <summary>The current a duty advertises, or 0 for a duty that allows no charging (below 10 % or above 90 %).</summary>
        public static int ToCurrentMa(int dutyPermille)
        {
            if (dutyPermille < MinimumDutyPermille || dutyPermille > MaximumDutyPermille)
                return 0;
            if (dutyPermille <= LowBandTopDutyPermille)
                return dutyPermille * 60;
            var currentMa = (dutyPermille - 640) * 250;
            return currentMa > MaximumCurrentMa ? MaximumCurrentMa : currentMa;
        }
    }
}

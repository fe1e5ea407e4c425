namespace ChargeController.Firmware.Pilot
{
    /// <summary>
    /// Connection confirm (CC) decoding for case B sockets: the cable's resistor RC between CC and PE says what current it is
    /// rated for (GB/T 18487.1: 1.5 kohm 10 A, 680 ohm 16 A, 220 ohm 32 A, 100 ohm 63 A, each +-3 %).
    /// The bands are decided on a ratio scale, because every error in the reading is a ratio (the resistor's tolerance,
    /// the pull-up's, the ADC's gain): neighbouring bands meet at the geometric mean of their nominal values
    /// (sqrt(1500 x 680) = 1010, sqrt(680 x 220) = 387, sqrt(220 x 100) = 148 ohm), and the outer two reach as far beyond
    /// their nominal value as they do inside (100 / 1.48 = 67 ohm, 1500 x 1.49 = 2228 ohm). Each nominal value +-3 % stays a
    /// factor of 1.43 or more from its band's edges. Below 67 ohm (a CC wire shorting towards PE would otherwise read as the largest
    /// cable) and from 2228 ohm to open, no cable codes the reading: it is invalid, and never charged.
    /// </summary>
    public static class CableRating
    {
        /// <summary>No plug inserted, or not fully inserted.</summary>
        public const int Open = 0;
        /// <summary>A resistance no cable codes: treated as not plugged, and never charged.</summary>
        public const int Invalid = -1;

        /// <summary>Above this the CC line is open: no plug.</summary>
        private const int OpenAboveOhms = 10000;
        /// <summary>The 63 A band's lower edge: anything lower is invalid.</summary>
        private const int LowestBandFromOhms = 67;
        /// <summary>Each band's upper edge (exclusive), from the 63 A band up; from the last up to open is invalid.</summary>
        private static readonly int[] BandBelowOhms = { 148, 387, 1010, 2228 };
        private static readonly int[] BandCurrentMa = { 63000, 32000, 16000, 10000 };

        /// <returns>the cable's rated current in mA, <see cref="Open"/> or <see cref="Invalid"/></returns>
        public static int FromOhms(int ohms)
        {
            if (ohms > OpenAboveOhms)
                return Open;
            if (ohms < LowestBandFromOhms)
                return Invalid;
            for (var i = 0; i < BandBelowOhms.Length; i++)
                if (ohms < BandBelowOhms[i])
                    return BandCurrentMa[i];
            return Invalid;
        }
    }
}

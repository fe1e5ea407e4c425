namespace ChargeController.Firmware.Pilot
{
    /// <summary>
    /// Connection confirm (CC) decoding for case B sockets: the cable's resistor between CC and PE says what current it is
    /// rated for (1.5 kohm 10 A, 680 ohm 16 A, 220 ohm 32 A, 100 ohm 63 A). Bands meet halfway between nominal values; a
    /// reading above the 10 A band but below open, or below the 63 A band, is a broken or unknown cable.
    /// </summary>
    public static class CableRating
    {
        /// <summary>No plug inserted, or not fully inserted.</summary>
        public const int Open = 0;
        /// <summary>A resistance no cable codes: treated as not plugged, and never charged.</summary>
        public const int Invalid = -1;

        private const int ShortedBelowOhms = 50;
        private const int OpenAboveOhms = 10000;
        private static readonly int[] BandTopOhms = { 150, 390, 1000, 2500 };
        private static readonly int[] BandCurrentMa = { 63000, 32000, 16000, 10000 };

        /// <returns>the cable's rated current in mA, <see cref="Open"/> or <see cref="Invalid"/></returns>
        public static int FromOhms(int ohms)
        {
            if (ohms > OpenAboveOhms)
                return Open;
            if (ohms < ShortedBelowOhms)
                return Invalid;
            for (var i = 0; i < BandTopOhms.Length; i++)
                if (ohms < BandTopOhms[i])
                    return BandCurrentMa[i];
            return Invalid;
        }
    }
}

namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// The inverse of <see cref="RegisterDecoder"/>: a value in core units as a meter would hold it. Used by the simulated
    /// meters and the commissioning tool's simulated slave, never by the control path.
    /// </summary>
    public static class RegisterEncoder
    {
        public static void Encode(long value, MeterField field, bool highWordFirst, ushort[] into, int offset)
        {
            uint raw;
            switch (field.Type)
            {
                case RegisterType.Float32:
                    raw = FloatBits(value, field.DecimalShift);
                    break;
                default:
                    raw = (uint)(field.DecimalShift >= 0
                        ? value / RegisterDecoder.Pow10(field.DecimalShift)
                        : value * RegisterDecoder.Pow10(-field.DecimalShift));
                    break;
            }
            Store(raw, field, highWordFirst, into, offset);
        }

        /// <summary>Raw 32 bits (a NaN, say) into a field's registers, in its word order.</summary>
        public static void Store(uint raw, MeterField field, bool highWordFirst, ushort[] into, int offset)
        {
            if (field.RegisterCount == 1)
            {
                into[offset] = (ushort)raw;
                return;
            }
            var high = (ushort)(raw >> 16);
            var low = (ushort)raw;
            into[offset] = highWordFirst ? high : low;
            into[offset + 1] = highWordFirst ? low : high;
        }

        public const uint NaNBits = 0x7FC00000;

        /// <summary>
        /// The float32 nearest to value / 10^shift, built with integer arithmetic: exact, allocation-free, and the same on
        /// the device and on .NET (BitConverter.GetBytes would allocate on every register).
        /// </summary>
        private static uint FloatBits(long value, int decimalShift)
        {
            if (value == 0)
                return 0;
            var sign = value < 0 ? 0x80000000u : 0u;
            var magnitude = value < 0 ? -value : value;
            long divisor = 1;
            if (decimalShift >= 0)
                divisor = RegisterDecoder.Pow10(decimalShift);
            else
                magnitude *= RegisterDecoder.Pow10(-decimalShift);
            // find the binary exponent s with 2^23 <= magnitude x 2^s / divisor < 2^24
            var s = 0;
            while (Scaled(magnitude, divisor, s) >= 1L << 24)
                s--;
            while (Scaled(magnitude, divisor, s) < 1L << 23)
                s++;
            var mantissa = RoundedScaled(magnitude, divisor, s);
            if (mantissa == 1L << 24)
            {
                mantissa >>= 1;
                s--;
            }
            var biasedExponent = 150 - s;
            return sign | ((uint)biasedExponent << 23) | ((uint)mantissa & 0x7FFFFF);
        }

        private static long Scaled(long magnitude, long divisor, int s) =>
            s >= 0 ? (magnitude << s) / divisor : magnitude / (divisor << -s);

        private static long RoundedScaled(long magnitude, long divisor, int s) =>
            s >= 0 ? ((magnitude << s) + divisor / 2) / divisor : (magnitude + (divisor << -s) / 2) / (divisor << -s);
    }
}

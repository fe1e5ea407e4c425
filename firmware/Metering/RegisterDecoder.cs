namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// Turns register words into the core's integer units. IEEE-754 float32 values are decoded from their bits with
    /// integer arithmetic (mantissa x 2^exponent x 10^shift, rounded half away from zero), so the device and the .NET
    /// tests give the same Wh for the same words, and NaN, infinities (<see cref="MeterHealth.NonFinite"/>) and absurd
    /// magnitudes (<see cref="MeterHealth.ValueOverflow"/>) are refused, never guessed.
    /// </summary>
    public static class RegisterDecoder
    {
        /// <summary>Largest magnitude accepted, in core units: 2^53, far above any physical reading.</summary>
        private const long MaxMagnitude = 1L << 53;

        /// <returns>Ok, or why the words hold no value in the core's range</returns>
        public static MeterHealth Decode(ushort[] words, int offset, MeterField field, bool highWordFirst, out long value)
        {
            uint raw;
            if (field.RegisterCount == 1)
                raw = words[offset];
            else if (highWordFirst)
                raw = ((uint)words[offset] << 16) | words[offset + 1];
            else
                raw = ((uint)words[offset + 1] << 16) | words[offset];

            switch (field.Type)
            {
                case RegisterType.Float32:
                    return ScaleFloat32(raw, field.DecimalShift, out value);
                case RegisterType.Int32:
                    return Scale((int)raw, field.DecimalShift, out value);
                case RegisterType.Int16:
                    return Scale((short)(ushort)raw, field.DecimalShift, out value);
                default: // UInt32, UInt16
                    return Scale(raw, field.DecimalShift, out value);
            }
        }

        public static MeterHealth ScaleFloat32(uint bits, int decimalShift, out long value)
        {
            value = 0;
            var exponentBits = (int)((bits >> 23) & 0xFF);
            if (exponentBits == 0xFF)
                return MeterHealth.NonFinite; // NaN or infinity
            long mantissa = bits & 0x7FFFFF;
            int exponent;
            if (exponentBits == 0)
                exponent = -149; // subnormal
            else
            {
                mantissa |= 0x800000;
                exponent = exponentBits - 150;
            }
            var negative = (bits & 0x80000000) != 0;
            if (mantissa == 0)
                return MeterHealth.Ok;
            if (exponent > 20 || decimalShift > 6 || decimalShift < -6)
                return MeterHealth.ValueOverflow; // beyond 2^44: no meter reads that

            long numerator = mantissa;
            long denominator = 1;
            if (decimalShift >= 0)
                numerator *= Pow10(decimalShift);
            else
                denominator = Pow10(-decimalShift);

            long magnitude;
            if (exponent >= 0)
            {
                if (numerator > long.MaxValue / 2 >> exponent)
                    return MeterHealth.ValueOverflow; // 2^24 x 10^6 x 2^20 does not fit a long: never let it wrap
                magnitude = RoundedDivide(numerator << exponent, denominator);
            }
            else if (-exponent > 40)
            {
                magnitude = 0; // below 2^-16 of a unit: nothing to count
            }
            else
            {
                magnitude = RoundedDivide(numerator, denominator << -exponent);
            }
            if (magnitude > MaxMagnitude)
                return MeterHealth.ValueOverflow;
            value = negative ? -magnitude : magnitude;
            return MeterHealth.Ok;
        }

        public static MeterHealth Scale(long raw, int decimalShift, out long value)
        {
            value = 0;
            if (decimalShift > 6 || decimalShift < -6)
                return MeterHealth.ValueOverflow;
            var negative = raw < 0;
            var magnitude = negative ? -raw : raw;
            magnitude = decimalShift >= 0 ? magnitude * Pow10(decimalShift) : RoundedDivide(magnitude, Pow10(-decimalShift));
            value = negative ? -magnitude : magnitude;
            return MeterHealth.Ok;
        }

        public static long Pow10(int exponent)
        {
            long result = 1;
            for (var i = 0; i < exponent; i++)
                result *= 10;
            return result;
        }

        private static long RoundedDivide(long numerator, long denominator) => (numerator + denominator / 2) / denominator;
    }
}

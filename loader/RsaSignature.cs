namespace ChargeController.Loader
{
    /// <summary>
    /// Verifies an RSA-2048 signature with public exponent 65537, RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 8.2.2): what
    /// .NET's RSA.SignData(data, SHA256, Pkcs1) makes. Plain C# on 32-bit limbs (nanoFramework has no BigInteger and no
    /// cryptography): s^65537 mod n is 16 Montgomery squarings and one multiply, plus five squarings and 64 doublings
    /// to make R^2 mod n for the modulus at hand. Every working array is allocated by the constructor; a verification
    /// allocates nothing and takes the same steps whatever the numbers (the selects are masks, not branches).
    /// </summary>
    public sealed class RsaSignature
    {
        public const int ModulusBytes = 256;
        private const int Limbs = ModulusBytes / 4;

        /// <summary>The DER DigestInfo header of a SHA-256 digest (RFC 8017 9.2, note 1).</summary>
        private static readonly byte[] Sha256DigestInfo =
        {
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
        };

        // Numbers are little-endian arrays of 32-bit limbs.
        private readonly uint[] _modulus = new uint[Limbs];
        private readonly uint[] _signature = new uint[Limbs];
        private readonly uint[] _rSquared = new uint[Limbs];
        private readonly uint[] _power = new uint[Limbs];
        private readonly uint[] _difference = new uint[Limbs];
        private readonly uint[] _product = new uint[Limbs + 2];
        private readonly byte[] _message = new byte[ModulusBytes];
        private uint _modulusInverse;

        /// <returns>true only when <paramref name="signature256"/> is a valid signature of <paramref name="digest32"/>
        /// under the 2048-bit modulus <paramref name="modulus256"/> (all big-endian, as on the wire)</returns>
        public bool VerifyPkcs1Sha256(byte[] modulus256, byte[] signature256, byte[] digest32)
        {
            if (modulus256 == null || signature256 == null || digest32 == null || modulus256.Length != ModulusBytes ||
                signature256.Length != ModulusBytes || digest32.Length != Sha256.DigestBytes)
                return false;
            if ((modulus256[0] & 0x80) == 0 || (modulus256[ModulusBytes - 1] & 1) == 0)
                return false; // not an odd number of exactly 2048 bits: no RSA-2048 modulus
            FromBigEndian(modulus256, _modulus);
            FromBigEndian(signature256, _signature);
            if (!Below(_signature, _modulus))
                return false; // RSAVP1: a representative at or above the modulus is refused, never reduced
            _modulusInverse = NegativeInverse(_modulus[0]);
            ComputeRSquared();
            Multiply(_signature, _rSquared, _power); // s R mod n: Montgomery form
            for (var i = 0; i < 16; i++)
                Multiply(_power, _power, _power); // s^(2^16) R
            Multiply(_power, _signature, _power); // times plain s, and R goes: s^65537 mod n
            ToBigEndian(_power, _message);
            return IsPkcs1Sha256Encoding(_message, digest32);
        }

        /// <summary>EM = 00 01 FF..FF 00 DigestInfo digest, compared in full (every byte looked at, whatever differs).</summary>
        private static bool IsPkcs1Sha256Encoding(byte[] message, byte[] digest32)
        {
            var digestStart = ModulusBytes - Sha256.DigestBytes;
            var infoStart = digestStart - Sha256DigestInfo.Length;
            var differ = message[0] | (message[1] ^ 0x01) | message[infoStart - 1];
            for (var i = 2; i < infoStart - 1; i++)
                differ |= message[i] ^ 0xFF;
            for (var i = 0; i < Sha256DigestInfo.Length; i++)
                differ |= message[infoStart + i] ^ Sha256DigestInfo[i];
            for (var i = 0; i < Sha256.DigestBytes; i++)
                differ |= message[digestStart + i] ^ digest32[i];
            return differ == 0;
        }

        /// <summary>R^2 mod n with R = 2^2048: R mod n is 2^2048 - n (n has its top bit set), doubled 64 times it is
        /// 2^64 R, and five Montgomery squarings take 2^64 to 2^2048.</summary>
        private void ComputeRSquared()
        {
            ulong borrow = 0;
            for (var i = 0; i < Limbs; i++)
            {
                var d = 0UL - _modulus[i] - borrow;
                _rSquared[i] = (uint)d;
                borrow = (d >> 32) & 1;
            }
            for (var k = 0; k < 64; k++)
            {
                uint carry = 0;
                for (var i = 0; i < Limbs; i++)
                {
                    var limb = _rSquared[i];
                    _rSquared[i] = (limb << 1) | carry;
                    carry = limb >> 31;
                }
                ReduceOnce(_rSquared, carry);
            }
            for (var k = 0; k < 5; k++)
                Multiply(_rSquared, _rSquared, _rSquared);
        }

        /// <summary>Montgomery product a b R^-1 mod n (CIOS); <paramref name="result"/> may be an input.</summary>
        private void Multiply(uint[] a, uint[] b, uint[] result)
        {
            var t = _product;
            for (var i = 0; i < t.Length; i++)
                t[i] = 0;
            for (var i = 0; i < Limbs; i++)
            {
                ulong carry = 0;
                ulong bi = b[i];
                for (var j = 0; j < Limbs; j++)
                {
                    var sum = t[j] + a[j] * bi + carry;
                    t[j] = (uint)sum;
                    carry = sum >> 32;
                }
                var top = t[Limbs] + carry;
                t[Limbs] = (uint)top;
                t[Limbs + 1] = (uint)(top >> 32);

                ulong m = t[0] * _modulusInverse; // makes the lowest limb vanish: shift one limb down
                var first = t[0] + m * _modulus[0];
                carry = first >> 32;
                for (var j = 1; j < Limbs; j++)
                {
                    var sum = t[j] + m * _modulus[j] + carry;
                    t[j - 1] = (uint)sum;
                    carry = sum >> 32;
                }
                top = t[Limbs] + carry;
                t[Limbs - 1] = (uint)top;
                t[Limbs] = t[Limbs + 1] + (uint)(top >> 32);
            }
            for (var i = 0; i < Limbs; i++)
                result[i] = t[i];
            ReduceOnce(result, t[Limbs]);
        }

        /// <summary>x (with <paramref name="overflow"/> as its limb above the top) less n once when x >= n; x below 2n.</summary>
        private void ReduceOnce(uint[] x, uint overflow)
        {
            ulong borrow = 0;
            for (var i = 0; i < Limbs; i++)
            {
                var d = (ulong)x[i] - _modulus[i] - borrow;
                _difference[i] = (uint)d;
                borrow = (d >> 32) & 1;
            }
            // take the difference when it did not go below zero, or when x had a limb above the top
            var take = (uint)(borrow ^ 1) | (overflow != 0 ? 1u : 0u);
            var mask = 0u - take;
            for (var i = 0; i < Limbs; i++)
                x[i] = (_difference[i] & mask) | (x[i] & ~mask);
        }

        private static bool Below(uint[] x, uint[] n)
        {
            ulong borrow = 0;
            for (var i = 0; i < Limbs; i++)
                borrow = (((ulong)x[i] - n[i] - borrow) >> 32) & 1;
            return borrow != 0;
        }

        /// <summary>-n0^-1 mod 2^32 by Newton's iteration (an odd n0 is its own inverse to 3 bits; each step doubles them).</summary>
        private static uint NegativeInverse(uint n0)
        {
            var x = n0;
            for (var i = 0; i < 4; i++)
                x *= 2 - n0 * x;
            return 0u - x;
        }

        private static void FromBigEndian(byte[] bytes, uint[] limbs)
        {
            for (var i = 0; i < Limbs; i++)
            {
                var at = ModulusBytes - 4 - 4 * i;
                limbs[i] = ((uint)bytes[at] << 24) | ((uint)bytes[at + 1] << 16) | ((uint)bytes[at + 2] << 8) | bytes[at + 3];
            }
        }

        private static void ToBigEndian(uint[] limbs, byte[] bytes)
        {
            for (var i = 0; i < Limbs; i++)
            {
                var at = ModulusBytes - 4 - 4 * i;
                bytes[at] = (byte)(limbs[i] >> 24);
                bytes[at + 1] = (byte)(limbs[i] >> 16);
                bytes[at + 2] = (byte)(limbs[i] >> 8);
                bytes[at + 3] = (byte)limbs[i];
            }
        }
    }
}

using ChargeController.Loader;

namespace ChargeController.Firmware.Console
{
    /// <summary>
    /// Turns a technician PIN into what is stored: SHA-256 over the pile's salt and the PIN, iterated
    /// <see cref="Rounds"/> times, so a copied access file does not give the PIN away to a quick search of all 6-12 digit
    /// numbers. Runs on the console thread (a few seconds of interpreted code on the ESP32, far from the control tick);
    /// the salt is fixed for the run, so the control thread only ever sees digests.
    /// </summary>
    public sealed class PinHasher
    {
        public const int Rounds = 1000;
        public const int SaltBytes = 16;
        public const int MinDigits = 6;
        public const int MaxDigits = 12;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _salt = new byte[SaltBytes];

        public PinHasher(byte[] salt)
        {
            System.Array.Copy(salt, _salt, SaltBytes);
        }

        /// <summary>h1 = SHA-256(salt | pin), then h(n+1) = SHA-256(h(n) | salt | pin).</summary>
        public void Hash(byte[] pin, int length, byte[] into)
        {
            _sha.Update(_salt, 0, SaltBytes);
            _sha.Update(pin, 0, length);
            _sha.Final(into);
            for (var round = 1; round < Rounds; round++)
            {
                _sha.Update(into, 0, Sha256.DigestBytes);
                _sha.Update(_salt, 0, SaltBytes);
                _sha.Update(pin, 0, length);
                _sha.Final(into);
            }
        }

        /// <summary>A PIN is 6 to 12 digits.</summary>
        public static bool WellFormed(byte[] pin, int length)
        {
            if (length < MinDigits || length > MaxDigits)
                return false;
            for (var i = 0; i < length; i++)
                if (pin[i] < '0' || pin[i] > '9')
                    return false;
            return true;
        }

        /// <summary>Compares two digests in time independent of where they differ.</summary>
        public static bool Same(byte[] a, byte[] b)
        {
            var difference = 0;
            for (var i = 0; i < Sha256.DigestBytes; i++)
                difference |= a[i] ^ b[i];
            return difference == 0;
        }
    }
}

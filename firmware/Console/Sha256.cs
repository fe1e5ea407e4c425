namespace ChargeController.Firmware.Console
{
    /// <summary>
    /// SHA-256 (FIPS 180-4). nanoFramework's mscorlib has no System.Security.Cryptography, so the console's PIN hash is
    /// computed here. Every buffer is allocated once: hashing allocates nothing.
    /// </summary>
    public sealed class Sha256
    {
        public const int DigestBytes = 32;
        private const int BlockBytes = 64;

        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _block = new byte[BlockBytes];
        private int _blockLength;
        private long _totalBytes;

        public Sha256()
        {
            Reset();
        }

        public void Reset()
        {
            _state[0] = 0x6a09e667; _state[1] = 0xbb67ae85; _state[2] = 0x3c6ef372; _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f; _state[5] = 0x9b05688c; _state[6] = 0x1f83d9ab; _state[7] = 0x5be0cd19;
            _blockLength = 0;
            _totalBytes = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            for (var i = offset; i < offset + count; i++)
            {
                _block[_blockLength++] = data[i];
                if (_blockLength == BlockBytes)
                {
                    Compress();
                    _blockLength = 0;
                }
            }
            _totalBytes += count;
        }

        /// <summary>Writes the digest of everything updated since the last reset, and resets.</summary>
        public void Final(byte[] into, int offset)
        {
            var bits = _totalBytes * 8;
            _block[_blockLength++] = 0x80;
            if (_blockLength > BlockBytes - 8)
            {
                while (_blockLength < BlockBytes)
                    _block[_blockLength++] = 0;
                Compress();
                _blockLength = 0;
            }
            while (_blockLength < BlockBytes - 8)
                _block[_blockLength++] = 0;
            for (var i = 7; i >= 0; i--)
                _block[_blockLength++] = (byte)(bits >> (8 * i));
            Compress();
            for (var i = 0; i < 8; i++)
            {
                into[offset + 4 * i] = (byte)(_state[i] >> 24);
                into[offset + 4 * i + 1] = (byte)(_state[i] >> 16);
                into[offset + 4 * i + 2] = (byte)(_state[i] >> 8);
                into[offset + 4 * i + 3] = (byte)_state[i];
            }
            Reset();
        }

        private void Compress()
        {
            var w = _w;
            for (var i = 0; i < 16; i++)
                w[i] = ((uint)_block[4 * i] << 24) | ((uint)_block[4 * i + 1] << 16) | ((uint)_block[4 * i + 2] << 8) | _block[4 * i + 3];
            for (var i = 16; i < 64; i++)
            {
                var s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
                var s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
                w[i] = unchecked(w[i - 16] + s0 + w[i - 7] + s1);
            }
            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3], e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (var i = 0; i < 64; i++)
            {
                var t1 = unchecked(h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]);
                var t2 = unchecked((Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c)));
                h = g;
                g = f;
                f = e;
                e = unchecked(d + t1);
                d = c;
                c = b;
                b = a;
                a = unchecked(t1 + t2);
            }
            _state[0] = unchecked(_state[0] + a); _state[1] = unchecked(_state[1] + b);
            _state[2] = unchecked(_state[2] + c); _state[3] = unchecked(_state[3] + d);
            _state[4] = unchecked(_state[4] + e); _state[5] = unchecked(_state[5] + f);
            _state[6] = unchecked(_state[6] + g); _state[7] = unchecked(_state[7] + h);
        }

        private static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));
    }
}

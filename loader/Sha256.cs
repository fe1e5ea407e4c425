namespace ChargeController.Loader
{
    /// <summary>
    /// SHA-256 (FIPS 180-4), streamed: a file is hashed chunk by chunk as it is read, never held whole. Everything it
    /// works with is allocated by the constructor; <see cref="Reset"/>, <see cref="Update"/> and <see cref="Final"/>
    /// allocate nothing. nanoFramework's mscorlib has no cryptography, so this is plain C# on uint words.
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
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _block = new byte[BlockBytes];
        private int _blockFill;
        private long _totalBytes;

        public Sha256()
        {
            Reset();
        }

        /// <summary>Starts a new message.</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            _blockFill = 0;
            _totalBytes = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            _totalBytes += count;
            var end = offset + count;
            while (offset < end)
            {
                if (_blockFill == 0 && end - offset >= BlockBytes)
                {
                    Compress(data, offset);
                    offset += BlockBytes;
                    continue;
                }
                _block[_blockFill++] = data[offset++];
                if (_blockFill == BlockBytes)
                {
                    Compress(_block, 0);
                    _blockFill = 0;
                }
            }
        }

        /// <summary>Pads the message, writes its 32-byte digest into <paramref name="digest32"/> and starts a new one.</summary>
        public void Final(byte[] digest32)
        {
            var bits = _totalBytes * 8;
            _block[_blockFill++] = 0x80;
            if (_blockFill > BlockBytes - 8)
            {
                while (_blockFill < BlockBytes)
                    _block[_blockFill++] = 0;
                Compress(_block, 0);
                _blockFill = 0;
            }
            while (_blockFill < BlockBytes - 8)
                _block[_blockFill++] = 0;
            for (var i = 0; i < 8; i++)
                _block[BlockBytes - 1 - i] = (byte)(bits >> (8 * i));
            Compress(_block, 0);
            for (var i = 0; i < 8; i++)
            {
                digest32[4 * i] = (byte)(_state[i] >> 24);
                digest32[4 * i + 1] = (byte)(_state[i] >> 16);
                digest32[4 * i + 2] = (byte)(_state[i] >> 8);
                digest32[4 * i + 3] = (byte)_state[i];
            }
            Reset();
        }

        private void Compress(byte[] data, int offset)
        {
            var w = _schedule;
            for (var t = 0; t < 16; t++)
            {
                var i = offset + 4 * t;
                w[t] = ((uint)data[i] << 24) | ((uint)data[i + 1] << 16) | ((uint)data[i + 2] << 8) | data[i + 3];
            }
            for (var t = 16; t < 64; t++)
            {
                var x = w[t - 15];
                var y = w[t - 2];
                var s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                var s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }
            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (var t = 0; t < 64; t++)
            {
                var sum1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                var choice = (e & f) ^ (~e & g);
                var t1 = h + sum1 + choice + K[t] + w[t];
                var sum0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                var majority = (a & b) ^ (a & c) ^ (b & c);
                var t2 = sum0 + majority;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }
    }
}

namespace ChargeController.Loader
{
    /// <summary>
    /// The operator's public key as the pile holds it, file <see cref="FileName"/>: the key id (1 byte length, then that
    /// many ASCII characters, a name as <see cref="UpdateNames"/> has them), then the RSA-2048 modulus, 256 bytes
    /// big-endian. The public exponent is always 65537. Provisioned like the broker certificate. When a confirmed
    /// package's nextKey replaces it, the file holds the next key's record followed by the one it replaced
    /// (<see cref="PreviousKeyId"/>): that one is trusted only for the package that named the next key, so the slot it
    /// installed still boots (<see cref="SlotVerifier.Check"/>); a download must be signed by the current key.
    /// </summary>
    public sealed class UpdateKey
    {
        public const string FileName = "update-key.bin";
        /// <summary>One key's record: id length, id, modulus.</summary>
        public const int MaxRecordBytes = 1 + UpdateNames.MaxLength + RsaSignature.ModulusBytes;
        /// <summary>The current key's record and the one it replaced.</summary>
        public const int MaxFileBytes = 2 * MaxRecordBytes;

        private byte[] _previousModulus;

        public string KeyId { get; private set; }

        /// <summary>Big-endian, as <see cref="RsaSignature.VerifyPkcs1Sha256"/> takes it.</summary>
        public byte[] Modulus { get; } = new byte[RsaSignature.ModulusBytes];

        /// <summary>The id of the key this one replaced, or null when the file holds no rotation.</summary>
        public string PreviousKeyId { get; private set; }

        /// <summary>The replaced key's modulus while <see cref="PreviousKeyId"/> is not null (made by the first read of a rotation).</summary>
        public byte[] PreviousModulus => _previousModulus;

        /// <summary>The length of the current key's record (<see cref="WriteRecord"/>).</summary>
        public int RecordBytes => 1 + KeyId.Length + RsaSignature.ModulusBytes;

        /// <returns>false, and the key unchanged, when the bytes are not such a key file (one record, or two)</returns>
        public bool Read(byte[] data, int offset, int count)
        {
            var first = RecordLength(data, offset, count);
            if (first < 0 || (first < count && RecordLength(data, offset + first, count - first) != count - first))
                return false;
            KeyId = ReadRecord(data, offset, Modulus);
            PreviousKeyId = null;
            if (first == count)
                return true;
            if (_previousModulus == null)
                _previousModulus = new byte[RsaSignature.ModulusBytes];
            PreviousKeyId = ReadRecord(data, offset + first, _previousModulus);
            return true;
        }

        /// <summary>Whether <paramref name="other"/> is the same key: the same id and modulus.</summary>
        public bool Same(UpdateKey other)
        {
            if (KeyId != other.KeyId)
                return false;
            for (var i = 0; i < RsaSignature.ModulusBytes; i++)
                if (Modulus[i] != other.Modulus[i])
                    return false;
            return true;
        }

        /// <summary>Writes the current key's record (id length, id, modulus) at <paramref name="at"/>.</summary>
        /// <returns>its length</returns>
        public int WriteRecord(byte[] into, int at)
        {
            into[at] = (byte)KeyId.Length;
            for (var i = 0; i < KeyId.Length; i++)
                into[at + 1 + i] = (byte)KeyId[i];
            System.Array.Copy(Modulus, 0, into, at + 1 + KeyId.Length, RsaSignature.ModulusBytes);
            return RecordBytes;
        }

        /// <returns>the length of the valid record at <paramref name="offset"/> (at most <paramref name="count"/>), or -1</returns>
        private static int RecordLength(byte[] data, int offset, int count)
        {
            if (count < 1)
                return -1;
            var idLength = data[offset];
            var length = 1 + idLength + RsaSignature.ModulusBytes;
            if (length > count || !UpdateNames.IsValid(data, offset + 1, idLength))
                return -1;
            var modulusAt = offset + 1 + idLength;
            if ((data[modulusAt] & 0x80) == 0 || (data[modulusAt + RsaSignature.ModulusBytes - 1] & 1) == 0)
                return -1; // an RSA-2048 modulus is odd and has its top bit set
            return length;
        }

        /// <returns>the record's key id, its modulus copied into <paramref name="modulus"/></returns>
        private static string ReadRecord(byte[] data, int offset, byte[] modulus)
        {
            var idLength = data[offset];
            var id = new char[idLength];
            for (var i = 0; i < idLength; i++)
                id[i] = (char)data[offset + 1 + i];
            System.Array.Copy(data, offset + 1 + idLength, modulus, 0, RsaSignature.ModulusBytes);
            return new string(id);
        }
    }
}

namespace ChargeController.Loader
{
    /// <summary>
    /// The operator's public key as the pile holds it, file <see cref="FileName"/>: the key id (1 byte length, then that
    /// many ASCII characters, a name as <see cref="UpdateNames"/> has them), then the RSA-2048 modulus, 256 bytes
    /// big-endian. The public exponent is always 65537. Provisioned like the broker certificate; replaced by a
    /// manifest's nextKey once that package is confirmed.
    /// </summary>
    public sealed class UpdateKey
    {
        public const string FileName = "update-key.bin";
        public const int MaxFileBytes = 1 + UpdateNames.MaxLength + RsaSignature.ModulusBytes;

        public string KeyId { get; private set; }

        /// <summary>Big-endian, as <see cref="RsaSignature.VerifyPkcs1Sha256"/> takes it.</summary>
        public byte[] Modulus { get; } = new byte[RsaSignature.ModulusBytes];

        /// <returns>false, and the key unchanged, when the bytes are not such a key file</returns>
        public bool Read(byte[] data, int offset, int count)
        {
            if (count < 1)
                return false;
            var idLength = data[offset];
            if (count != 1 + idLength + RsaSignature.ModulusBytes || !UpdateNames.IsValid(data, offset + 1, idLength))
                return false;
            var modulusAt = offset + 1 + idLength;
            if ((data[modulusAt] & 0x80) == 0 || (data[modulusAt + RsaSignature.ModulusBytes - 1] & 1) == 0)
                return false; // an RSA-2048 modulus is odd and has its top bit set
            var id = new char[idLength];
            for (var i = 0; i < idLength; i++)
                id[i] = (char)data[offset + 1 + i];
            KeyId = new string(id);
            for (var i = 0; i < RsaSignature.ModulusBytes; i++)
                Modulus[i] = data[modulusAt + i];
            return true;
        }
    }
}

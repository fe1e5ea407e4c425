using ChargeController.Firmware.Storage;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// Time-of-use bands: 48 half-hour slots of the local day, each one of up to <see cref="MaxBands"/> bands (the
    /// four of the Chinese pile protocols: peak-high, peak, flat, valley, numbered 0 to 3). Sessions report the energy
    /// charged in each band; prices stay on the platform.
    /// </summary>
    public sealed class Tariff : IStoredTable
    {
        public const string FileName = "tariff.bin";
        public const int SlotCount = 48;
        public const int MaxBands = 4;
        public const int SlotSeconds = 1800;
        public const int StoredBytes = 4 + 4 + SlotCount;

        private readonly byte[] _bands = new byte[SlotCount];

        public int Version { get; private set; }
        public int UtcOffsetMin { get; private set; }

        /// <summary>The band at Unix time <paramref name="unixS"/>, or 0 while no tariff is set.</summary>
        /// <param name="unixS">wall-clock time, or 0 while the clock is not set (band 0 then, as without a tariff)</param>
        public int BandAt(long unixS) => Version == 0 || unixS <= 0 ? 0 : _bands[LocalTime.MinuteOfDay(unixS, UtcOffsetMin) / 30];

        public int BandOfSlot(int slot) => _bands[slot];

        public void Set(int version, int utcOffsetMin, byte[] bands)
        {
            Version = version;
            UtcOffsetMin = utcOffsetMin;
            System.Array.Copy(bands, _bands, SlotCount);
        }

        public void CopyFrom(Tariff other) => Set(other.Version, other.UtcOffsetMin, other._bands);

        public void Write(ByteWriter writer)
        {
            writer.PutInt32(Version);
            writer.PutInt32(UtcOffsetMin);
            for (var i = 0; i < SlotCount; i++)
                writer.PutByte(_bands[i]);
        }

        public bool Read(ByteReader reader)
        {
            var version = reader.Int32();
            var offset = reader.Int32();
            for (var i = 0; i < SlotCount; i++)
            {
                var band = reader.Byte();
                if (band < 0 || band >= MaxBands)
                    return false;
                _bands[i] = (byte)band;
            }
            if (reader.Failed || version <= 0 || offset < -LocalTime.MaxOffsetMin || offset > LocalTime.MaxOffsetMin)
                return false;
            Version = version;
            UtcOffsetMin = offset;
            return true;
        }
    }
}

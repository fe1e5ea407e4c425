using ChargeController.Firmware.Storage;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// When the public may charge: one opening and one closing minute of the local day per weekday (Monday first).
    /// Outside them only id tags on the fleet list may start. open = close is closed all day, 0 to 1440 open all day.
    /// No schedule received (version 0), or a clock not yet set: open, so a pile is never locked by what it cannot know.
    /// </summary>
    public sealed class OpeningHours : IStoredTable
    {
        public const string FileName = "schedule.bin";
        public const int Days = 7;
        public const int StoredBytes = 4 + 4 + Days * 4;

        private readonly short[] _openMin = new short[Days];
        private readonly short[] _closeMin = new short[Days];

        public int Version { get; private set; }
        public int UtcOffsetMin { get; private set; }

        /// <param name="unixS">wall-clock time, or 0 while the clock is not set</param>
        public bool IsOpen(long unixS)
        {
            if (Version == 0 || unixS <= 0)
                return true;
            var day = LocalTime.Weekday(unixS, UtcOffsetMin);
            var minute = LocalTime.MinuteOfDay(unixS, UtcOffsetMin);
            return minute >= _openMin[day] && minute < _closeMin[day];
        }

        public int OpenMin(int day) => _openMin[day];
        public int CloseMin(int day) => _closeMin[day];

        public void SetDay(int day, int openMin, int closeMin)
        {
            _openMin[day] = (short)openMin;
            _closeMin[day] = (short)closeMin;
        }

        public void SetVersion(int version, int utcOffsetMin)
        {
            Version = version;
            UtcOffsetMin = utcOffsetMin;
        }

        public void CopyFrom(OpeningHours other)
        {
            for (var d = 0; d < Days; d++)
                SetDay(d, other._openMin[d], other._closeMin[d]);
            SetVersion(other.Version, other.UtcOffsetMin);
        }

        public static bool ValidDay(int openMin, int closeMin) => openMin >= 0 && openMin <= closeMin && closeMin <= LocalTime.MinutesPerDay;

        public void Write(ByteWriter writer)
        {
            writer.PutInt32(Version);
            writer.PutInt32(UtcOffsetMin);
            for (var d = 0; d < Days; d++)
            {
                writer.PutByte(_openMin[d]);
                writer.PutByte(_openMin[d] >> 8);
                writer.PutByte(_closeMin[d]);
                writer.PutByte(_closeMin[d] >> 8);
            }
        }

        public bool Read(ByteReader reader)
        {
            var version = reader.Int32();
            var offset = reader.Int32();
            for (var d = 0; d < Days; d++)
            {
                var open = reader.UInt16();
                var close = reader.UInt16();
                if (!ValidDay(open, close))
                    return false;
                SetDay(d, open, close);
            }
            if (reader.Failed || version <= 0 || offset < -LocalTime.MaxOffsetMin || offset > LocalTime.MaxOffsetMin)
                return false;
            SetVersion(version, offset);
            return true;
        }
    }
}

using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Text;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// The local list of fleet id tags, at most <see cref="Capacity"/> of them: they may charge outside opening hours and,
    /// under auth.offline=allow, start while the platform link is down. The platform replaces the list or updates it
    /// (adds and removes) with a rising version; a command carries at most <see cref="MaxTagsPerCommand"/> tags, so a
    /// larger list is a replace followed by updates.
    /// </summary>
    public sealed class FleetList : IStoredTable
    {
        public const string FileName = "fleet.bin";
        public const int Capacity = 128;
        public const int MaxTagsPerCommand = 48;
        /// <summary>Version and count, then each tag as a length byte and at most 20 ASCII bytes.</summary>
        public const int StoredBytes = 4 + 4 + Capacity * (1 + Pile.MaxIdTagLength);

        private readonly string[] _tags = Strings.Filled(new string[Capacity]);

        public int Version { get; private set; }
        public int Count { get; private set; }

        public string Tag(int index) => _tags[index];

        public bool Contains(string idTag) => IndexOf(idTag) >= 0;

        public int IndexOf(string idTag)
        {
            for (var i = 0; i < Count; i++)
                if (_tags[i] == idTag)
                    return i;
            return -1;
        }

        public void Clear(int version)
        {
            for (var i = 0; i < Count; i++)
                _tags[i] = null;
            Count = 0;
            Version = version;
        }

        /// <returns>false when the list is full (a tag already on it is not added twice)</returns>
        public bool Add(string idTag)
        {
            if (Contains(idTag))
                return true;
            if (Count == Capacity)
                return false;
            _tags[Count++] = idTag;
            return true;
        }

        public void Remove(string idTag)
        {
            var i = IndexOf(idTag);
            if (i < 0)
                return;
            _tags[i] = _tags[--Count];
            _tags[Count] = null;
        }

        public void SetVersion(int version) => Version = version;

        public void CopyFrom(FleetList other)
        {
            Clear(other.Version);
            for (var i = 0; i < other.Count; i++)
                _tags[i] = other._tags[i];
            Count = other.Count;
        }

        public void Write(ByteWriter writer)
        {
            writer.PutInt32(Version);
            writer.PutInt32(Count);
            for (var i = 0; i < Count; i++)
                writer.PutString(_tags[i]);
        }

        public bool Read(ByteReader reader)
        {
            var version = reader.Int32();
            var count = reader.Int32();
            if (reader.Failed || version <= 0 || count < 0 || count > Capacity)
                return false;
            Clear(version);
            for (var i = 0; i < count; i++)
            {
                var tag = reader.String();
                if (reader.Failed || !IdTags.Valid(tag))
                {
                    Clear(0);
                    return false;
                }
                _tags[Count++] = tag;
            }
            return true;
        }
    }
}

using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// What the pile keeps on flash of the update under way, so a reboot or a power cut resumes it: the state, the
    /// package, where it is staged, how many of its files are complete and checked, the switch window. Progress within a
    /// file is not here: the staged file's own length is the resume point. A small checksummed file replaced whole
    /// (<see cref="IFileStore.Replace"/>): after a cut it holds the old record or the new. Written by the storage thread
    /// (<see cref="StagingWrite"/>), read at boot before the threads start.
    /// </summary>
    public sealed class UpdateRecord
    {
        public const string FileName = "update.bin";
        private const int FormatVersion = 1;
        public const int MaxBytes = 96;

        public int State;
        public string Package = "";
        public int ManifestBytes;
        /// <summary>The slot the files are staged into (the inactive one when the update was offered).</summary>
        public int Slot;
        /// <summary>Files complete and checked, in the order fetched (manifest.json, manifest.sig, then the manifest's).</summary>
        public int FilesDone;
        /// <summary>Files this update has begun to stage (what the slot held before was discarded first); a file from here on is another package's.</summary>
        public int FilesStarted;
        /// <summary>Minutes after local midnight when the switch may begin and must end; -1: no window (switch without a session).</summary>
        public int WindowStartMin = -1;
        public int WindowEndMin = -1;
        /// <summary>The package's version and the one it replaces, as <see cref="UpdateVersion"/> numbers (<see cref="UpdateVersion.None"/> until known).</summary>
        public int Version = UpdateVersion.None;
        public int FromVersion = UpdateVersion.None;

        public void CopyFrom(UpdateRecord other)
        {
            State = other.State;
            Package = other.Package;
            ManifestBytes = other.ManifestBytes;
            Slot = other.Slot;
            FilesDone = other.FilesDone;
            FilesStarted = other.FilesStarted;
            WindowStartMin = other.WindowStartMin;
            WindowEndMin = other.WindowEndMin;
            Version = other.Version;
            FromVersion = other.FromVersion;
        }

        /// <returns>the bytes to store, with their CRC, in <paramref name="buffer"/></returns>
        public int Encode(byte[] buffer, ByteWriter writer)
        {
            writer.Reset(buffer, 0);
            writer.PutByte(FormatVersion);
            writer.PutByte(State);
            writer.PutString(Package, 48);
            writer.PutInt32(ManifestBytes);
            writer.PutByte(Slot);
            writer.PutByte(FilesDone);
            writer.PutByte(FilesStarted);
            writer.PutInt32(WindowStartMin);
            writer.PutInt32(WindowEndMin);
            writer.PutInt32(Version);
            writer.PutInt32(FromVersion);
            var length = writer.Position;
            Crc32.Seal(buffer, 0, length);
            return length + 4;
        }

        /// <summary>Reads the stored record (at boot).</summary>
        /// <returns>false when there is none or it does not check out (then the pile has no update under way)</returns>
        public bool Load(IFileStore store, byte[] buffer)
        {
            var length = store.Length(FileName);
            if (length < 5 || length > buffer.Length || store.Read(FileName, 0, buffer, 0, length) != length || !Crc32.Verify(buffer, 0, length))
                return false;
            var reader = new ByteReader(buffer, 0, length - 4);
            if (reader.Byte() != FormatVersion)
                return false;
            State = reader.Byte();
            Package = reader.String();
            ManifestBytes = reader.Int32();
            Slot = reader.Byte();
            FilesDone = reader.Byte();
            FilesStarted = reader.Byte();
            WindowStartMin = reader.Int32();
            WindowEndMin = reader.Int32();
            Version = reader.Int32();
            FromVersion = reader.Int32();
            return !reader.Failed && Package != null;
        }
    }
}

using System.Collections;
using ChargeController.Hal;
using ChargeController.Sim.Memory;

namespace ChargeController.Sim.Storage
{
    /// <summary>
    /// The pile's LittleFS partition in RAM, with power loss modelled byte by byte. Appended bytes are volatile until
    /// flushed; each byte that reaches flash (by a flush or a replace's temporary file) is one numbered write, and one more
    /// for the atomic move of a replace or a delete. Power can be cut at any of those numbers: the write in progress
    /// stops there, everything volatile is gone, and the store answers nothing until power returns.
    ///
    /// The partition is one budget shared by every file, as on the device: <see cref="Blocks"/> blocks of
    /// <see cref="BlockBytes"/>, two of them LittleFS's superblock and root directory, and every file takes whole blocks
    /// (its bytes, appended or durable, rounded up; an empty file none). An append or a replace that would need a block
    /// more than are free is refused, as LittleFS refuses it (no space), and writes nothing. LittleFS's per-block
    /// pointers and the block a copy-on-write borrows for a moment are not modelled.
    ///
    /// A file's buffer starts at 64 KB and doubles up to the partition size, so steady writes allocate nothing. Those
    /// buffers are flash on a pile, not heap: the <see cref="Probe"/> is told when the store makes them.
    /// </summary>
    public sealed class SimFileStore : IFileStore
    {
        public const int PartitionBytes = 256 * 1024;
        public const int BlockBytes = 4096;
        public const int Blocks = PartitionBytes / BlockBytes;
        /// <summary>LittleFS's superblock pair, which also holds the root directory's entries.</summary>
        public const int MetadataBlocks = 2;
        private const string TempSuffix = ".tmp";

        private const int InitialFileBytes = 64 * 1024;

        private readonly ArrayList _files = new ArrayList();
        private long _cutAtWrite = -1;

        /// <summary>How many durable writes (bytes, moves, deletes) have happened since the store was made.</summary>
        public long Writes { get; private set; }
        public long FlushCount { get; private set; }
        public long ReplaceCount { get; private set; }
        public bool PoweredOff { get; private set; }

        /// <summary>Blocks the files take now (their appended bytes too), LittleFS's own included.</summary>
        public int UsedBlocks
        {
            get
            {
                var used = MetadataBlocks;
                for (var i = 0; i < _files.Count; i++)
                    used += BlocksOf(((SimFile)_files[i]).Size);
                return used;
            }
        }

        /// <summary>Whole blocks no file takes.</summary>
        public int FreeBlocks => Blocks - UsedBlocks;

        /// <summary>Every write fails while set (flash worn out), reads still work.</summary>
        public bool Broken { get; set; }

        /// <summary>
        /// So many of the next flushes fail, writing nothing: the appended bytes stay in the file, not durable, as when the
        /// flash errs during a write that the file system had already accepted.
        /// </summary>
        public int RefuseFlushes { get; set; }

        /// <summary>Told when the store allocates for itself (files and their buffers), so memory measurements can leave it out.</summary>
        public IMemoryProbe Probe { get; set; } = NoMemoryProbe.Instance;

        /// <summary>When set, every appended chunk is kept (a test's record of what was really written). Off by default: it allocates.</summary>
        public ArrayList AppendLog { get; set; }

        /// <summary>
        /// When set, what each durable write was, in order: the name of the file a byte went to, "move " and the target,
        /// or "delete " and the name (a test chooses its cut points from it). Off by default: it allocates.
        /// </summary>
        public ArrayList WriteLog { get; set; }

        /// <summary>Cuts the power when durable write number <paramref name="write"/> (counting from 1) is about to happen.</summary>
        public void CutPowerAtWrite(long write) => _cutAtWrite = write;

        public void CutPower()
        {
            PoweredOff = true;
            foreach (SimFile file in _files)
                file.VolatileLength = file.DurableLength;
        }

        public void RestorePower()
        {
            PoweredOff = false;
            _cutAtWrite = -1;
        }

        /// <summary>Garbage after a file's durable content, as a torn or corrupted write leaves it.</summary>
        public void CorruptTail(string name, int bytes)
        {
            var file = File(name, true);
            Reserve(file, file.DurableLength + bytes);
            for (var i = 0; i < bytes; i++)
                file.Data[file.DurableLength + i] = (byte)(0xA5 ^ i);
            file.DurableLength += bytes;
            file.VolatileLength = file.DurableLength;
        }

        /// <summary>Changes the byte in the middle of a file's durable content, as flash damage would; again, it changes again.</summary>
        public void DamageMiddle(string name)
        {
            var file = File(name, false);
            file.Data[file.DurableLength / 2]++;
        }

        public bool Exists(string name) => !PoweredOff && File(name, false) != null;

        public int Length(string name)
        {
            var file = PoweredOff ? null : File(name, false);
            return file == null ? 0 : file.VolatileLength;
        }

        public int Read(string name, int position, byte[] into, int offset, int count)
        {
            var file = PoweredOff ? null : File(name, false);
            if (file == null || position >= file.VolatileLength)
                return 0;
            var n = count < file.VolatileLength - position ? count : file.VolatileLength - position;
            Probe.Begin(RunPart.FlashRead);
            System.Array.Copy(file.Data, position, into, offset, n);
            Probe.End(RunPart.FlashRead);
            return n;
        }

        public bool Append(string name, byte[] data, int offset, int count)
        {
            if (PoweredOff || Broken)
                return false;
            var file = File(name, false);
            var size = file == null ? 0 : file.Size;
            if (BlocksOf(size + count) - BlocksOf(size) > FreeBlocks)
                return false; // no space: nothing is written
            file = file ?? File(name, true);
            Reserve(file, file.VolatileLength + count);
            System.Array.Copy(data, offset, file.Data, file.VolatileLength, count);
            if (AppendLog != null)
            {
                var chunk = new byte[count];
                System.Array.Copy(data, offset, chunk, 0, count);
                AppendLog.Add(chunk);
            }
            file.VolatileLength += count;
            return true;
        }

        public bool Flush(string name)
        {
            if (PoweredOff)
                return false;
            if (RefuseFlushes > 0)
            {
                RefuseFlushes--;
                return false;
            }
            FlushCount++;
            var file = File(name, true);
            while (file.DurableLength < file.VolatileLength)
            {
                if (!Write(ByteWrite, name))
                    return false;
                file.DurableLength++;
            }
            return true;
        }

        public bool Replace(string name, byte[] data, int offset, int count)
        {
            if (PoweredOff || Broken)
                return false;
            var stale = File(name + TempSuffix, false);
            if (BlocksOf(count) - (stale == null ? 0 : BlocksOf(stale.Size)) > FreeBlocks)
                return false; // the new content and the old do not fit side by side
            ReplaceCount++;
            var temp = stale ?? File(name + TempSuffix, true);
            temp.DurableLength = temp.VolatileLength = 0;
            Reserve(temp, count);
            for (var i = 0; i < count; i++)
            {
                if (!Write(ByteWrite, temp.Name))
                    return false;
                temp.Data[i] = data[offset + i];
                temp.DurableLength = temp.VolatileLength = i + 1;
            }
            return MoveOver(temp, name);
        }

        public bool Move(string source, string target)
        {
            var file = PoweredOff || Broken ? null : File(source, false);
            return file != null && MoveOver(file, target);
        }

        /// <summary>The rename: one durable write, after which the file is the target and the old target is gone.</summary>
        private bool MoveOver(SimFile file, string target)
        {
            if (!Write(MoveWrite, target))
                return false;
            var old = File(target, false);
            if (old != null)
                _files.Remove(old);
            file.Name = target;
            return true;
        }

        public bool Delete(string name)
        {
            if (PoweredOff || !Write(DeleteWrite, name))
                return false;
            var file = File(name, false);
            if (file != null)
                _files.Remove(file);
            return true;
        }

        /// <summary>How many files the flash holds (PileSim --state saves each).</summary>
        public int FileCount => _files.Count;

        /// <summary>The name of file number <paramref name="index"/> (0 to <see cref="FileCount"/> - 1).</summary>
        public string FileNameAt(int index) => ((SimFile)_files[index]).Name;

        /// <summary>
        /// Puts a file on the flash as a previous run left it, all of it durable (PileSim --state); before the pile starts.
        /// </summary>
        /// <returns>false, with nothing changed, when it does not fit the partition beside the files already there</returns>
        public bool Load(string name, byte[] content)
        {
            var old = File(name, false);
            if (BlocksOf(content.Length) - (old == null ? 0 : BlocksOf(old.Size)) > FreeBlocks)
                return false;
            var file = old ?? File(name, true);
            Reserve(file, content.Length);
            System.Array.Copy(content, file.Data, content.Length);
            file.DurableLength = file.VolatileLength = content.Length;
            return true;
        }

        /// <summary>The durable content of a file: what a power cut now would leave (tests, PileSim --state).</summary>
        public byte[] DurableContent(string name)
        {
            var file = File(name, false);
            var content = new byte[file == null ? 0 : file.DurableLength];
            if (file != null)
                System.Array.Copy(file.Data, content, content.Length);
            return content;
        }

        private static int BlocksOf(int bytes) => (bytes + BlockBytes - 1) / BlockBytes;

        private const string ByteWrite = "";
        private const string MoveWrite = "move ";
        private const string DeleteWrite = "delete ";

        /// <param name="kind">a byte of <paramref name="name"/>, a move over it, or its deletion (for <see cref="WriteLog"/>)</param>
        private bool Write(string kind, string name)
        {
            if (Writes + 1 == _cutAtWrite)
            {
                CutPower();
                return false;
            }
            Writes++;
            if (WriteLog != null)
                WriteLog.Add(kind + name);
            return true;
        }

        private SimFile File(string name, bool create)
        {
            for (var i = 0; i < _files.Count; i++) // indexed: an ArrayList enumerator is an allocation per call
            {
                var file = (SimFile)_files[i];
                if (file.Name == name)
                    return file;
            }
            if (!create)
                return null;
            Probe.Begin(RunPart.Flash);
            var created = new SimFile { Name = name, Data = new byte[InitialFileBytes] };
            _files.Add(created);
            Probe.End(RunPart.Flash);
            return created;
        }

        private void Reserve(SimFile file, int bytes)
        {
            if (bytes <= file.Data.Length)
                return;
            Probe.Begin(RunPart.Flash);
            file.Grow(bytes);
            Probe.End(RunPart.Flash);
        }

        private sealed class SimFile
        {
            public string Name;
            public byte[] Data;
            public int DurableLength;
            public int VolatileLength;

            /// <summary>What the file takes on flash: its appended bytes too, which need their blocks to be flushed.</summary>
            public int Size => VolatileLength > DurableLength ? VolatileLength : DurableLength;

            public void Grow(int bytes)
            {
                var size = Data.Length;
                while (size < bytes)
                    size *= 2;
                var bigger = new byte[size];
                System.Array.Copy(Data, bigger, VolatileLength > DurableLength ? VolatileLength : DurableLength);
                Data = bigger;
            }
        }
    }
}

using System.IO;
using ChargeController.Hal;

namespace ChargeController.Esp32.Storage
{
    /// <summary>
    /// The pile's files on the LittleFS drive I:\. nanoFramework's File.Move refuses an existing destination, so a replace
    /// (and a move) writes "name.tmp", deletes "name", then moves the temporary file over: deleting "name" is the commit point. Opening
    /// the store finishes what a power cut interrupted: a ".tmp" beside its file is an unfinished write and goes; a ".tmp"
    /// alone is a committed replace whose move did not happen yet and is moved. The journal's append stream stays open
    /// between appends; Flush syncs it to flash. Storage runs on its own thread: every call may block for a flash write.
    /// </summary>
    public sealed class LittleFsFileStore : IFileStore
    {
        private const string TempSuffix = ".tmp";

        private readonly string _root;
        private FileStream _appending;
        private string _appendingName;

        public LittleFsFileStore(string root)
        {
            _root = root;
            foreach (var path in Directory.GetFiles(root))
            {
                if (!path.EndsWith(TempSuffix))
                    continue;
                var committed = path.Substring(0, path.Length - TempSuffix.Length);
                if (File.Exists(committed))
                    File.Delete(path);
                else
                    File.Move(path, committed);
            }
        }

        public bool Exists(string name) => File.Exists(PathOf(name));

        public int Length(string name)
        {
            if (name == _appendingName)
                return (int)_appending.Length;
            if (!Exists(name))
                return 0;
            using (var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read))
                return (int)stream.Length;
        }

        public int Read(string name, int position, byte[] into, int offset, int count)
        {
            CloseAppending(name);
            if (!Exists(name))
                return 0;
            using (var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read))
            {
                stream.Seek(position, SeekOrigin.Begin);
                var total = 0;
                while (total < count)
                {
                    var read = stream.Read(into, offset + total, count - total);
                    if (read <= 0)
                        break;
                    total += read;
                }
                return total;
            }
        }

        public bool Append(string name, byte[] data, int offset, int count)
        {
            try
            {
                if (name != _appendingName)
                {
                    CloseAppending(_appendingName);
                    _appending = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write);
                    _appendingName = name;
                }
                _appending.Write(data, offset, count);
                return true;
            }
            catch (IOException)
            {
                CloseAppending(name);
                return false;
            }
        }

        public bool Flush(string name)
        {
            if (name != _appendingName)
                return true;
            try
            {
                _appending.Flush();
                return true;
            }
            catch (IOException)
            {
                CloseAppending(name);
                return false;
            }
        }

        public bool Replace(string name, byte[] data, int offset, int count)
        {
            CloseAppending(name);
            var path = PathOf(name);
            var temp = path + TempSuffix;
            try
            {
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
                {
                    stream.Write(data, offset, count);
                    stream.Flush();
                }
                CommitTemp(path);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>
        /// The source becomes "target.tmp" by a rename, then commits like a replace: a cut before the commit point keeps
        /// the old target (the source's content is lost, which a compaction tolerates), a cut after it finishes at open.
        /// </summary>
        public bool Move(string source, string target)
        {
            CloseAppending(source);
            CloseAppending(target);
            var path = PathOf(target);
            var temp = path + TempSuffix;
            try
            {
                if (File.Exists(temp))
                    File.Delete(temp);
                File.Move(PathOf(source), temp);
                CommitTemp(path);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>Deleting the old file is the commit point; the move after it is finished at open if power goes.</summary>
        private static void CommitTemp(string path)
        {
            if (File.Exists(path))
                File.Delete(path);
            File.Move(path + TempSuffix, path);
        }

        public bool Delete(string name)
        {
            CloseAppending(name);
            try
            {
                if (Exists(name))
                    File.Delete(PathOf(name));
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        private void CloseAppending(string name)
        {
            if (_appending == null || name != _appendingName)
                return;
            _appending.Dispose();
            _appending = null;
            _appendingName = null;
        }

        private string PathOf(string name) => _root + name;
    }
}

using System.IO;
using ChargeController.Loader;

namespace ChargeController.LoaderApp
{
    /// <summary>The loader's files on the LittleFS drive I:\ through System.IO: read in pieces, a write replaces the whole file.</summary>
    public sealed class LittleFsLoaderFiles : ILoaderFiles
    {
        private readonly string _root;

        public LittleFsLoaderFiles(string root)
        {
            _root = root;
        }

        public int Length(string name)
        {
            var path = _root + name;
            if (!File.Exists(path))
                return -1;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                return (int)stream.Length;
        }

        public int Read(string name, int position, byte[] into, int offset, int count)
        {
            var path = _root + name;
            if (!File.Exists(path))
                return 0;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
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

        public bool Write(string name, byte[] data, int offset, int count)
        {
            try
            {
                using (var stream = new FileStream(_root + name, FileMode.Create, FileAccess.Write))
                {
                    stream.Write(data, offset, count);
                    stream.Flush();
                }
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}

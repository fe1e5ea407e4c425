using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Storage
{
    /// <summary>The pile's file store as the Loader assembly's code sees it (slot record, slot checks): a whole-file write is a replace.</summary>
    public sealed class LoaderFiles : ILoaderFiles
    {
        private readonly IFileStore _store;

        public LoaderFiles(IFileStore store)
        {
            _store = store;
        }

        public int Length(string name) => _store.Exists(name) ? _store.Length(name) : -1;

        public int Read(string name, int position, byte[] into, int offset, int count) => _store.Read(name, position, into, offset, count);

        public bool Write(string name, byte[] data, int offset, int count) => _store.Replace(name, data, offset, count);
    }
}

using ChargeController.Firmware.Config;
using ChargeController.Firmware.Handoff;
using ChargeController.Hal;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// Storing a checked configuration on the storage thread (<see cref="FlashWrites"/>): the platform's config set and
    /// the console's, which validate on their own thread and must not wait on flash there.
    /// </summary>
    public sealed class ConfigWrite : IFlashWrite
    {
        private readonly ConfigStore _store;
        private readonly PileConfig _config;

        /// <param name="config">what is stored: the requester fills it and leaves it untouched until the write is done</param>
        public ConfigWrite(IFileStore store, PileConfig config)
        {
            _store = new ConfigStore(store);
            _config = config;
        }

        public bool Write() => _store.Save(_config);
    }
}

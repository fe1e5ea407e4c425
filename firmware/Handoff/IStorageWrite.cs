using ChargeController.Hal;

namespace ChargeController.Firmware.Handoff
{
    /// <summary>What the storage thread does with the bytes of one <see cref="StorageHandoff"/> slot.</summary>
    public interface IStorageWrite
    {
        /// <returns>whether the write is durable</returns>
        bool Write(IFileStore store, byte[] data, int count);
    }
}

using ChargeController.Firmware.Config;
using ChargeController.Firmware.Handoff;
using ChargeController.Hal;

namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// A configuration to store, handed from the control thread to the storage thread (<see cref="StorageHandoff"/>) as
    /// its raw values, so the storage thread writes a snapshot that nobody changes under it. The storage side keeps its
    /// own configuration to decode into: nothing is allocated per write but the config file's text.
    /// </summary>
    public sealed class ConfigValuesWrite : IStorageWrite
    {
        private readonly PileConfig _decoded = new PileConfig();
        private readonly byte[] _encoded = new byte[ConfigKeys.All.Length * 4];

        /// <summary>How many bytes a configuration takes in the handoff.</summary>
        public static int Bytes => ConfigKeys.All.Length * 4;

        /// <summary>Control thread: hands <paramref name="config"/> over for storing.</summary>
        /// <returns>the handoff's ticket, or 0 when it is full</returns>
        public int Hand(StorageHandoff handoff, PileConfig config)
        {
            for (var i = 0; i < ConfigKeys.All.Length; i++)
            {
                var value = config.ValueAt(i);
                _encoded[i * 4] = (byte)value;
                _encoded[i * 4 + 1] = (byte)(value >> 8);
                _encoded[i * 4 + 2] = (byte)(value >> 16);
                _encoded[i * 4 + 3] = (byte)(value >> 24);
            }
            return handoff.TryHand(this, _encoded, _encoded.Length);
        }

        /// <summary>Storage thread.</summary>
        public bool Write(IFileStore store, byte[] data, int count)
        {
            for (var i = 0; i < ConfigKeys.All.Length && i * 4 + 3 < count; i++)
                _decoded.SetValueAt(i, data[i * 4] | (data[i * 4 + 1] << 8) | (data[i * 4 + 2] << 16) | (data[i * 4 + 3] << 24));
            return new ConfigStore(store).Save(_decoded);
        }
    }
}

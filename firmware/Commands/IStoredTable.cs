using ChargeController.Firmware.Storage;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>A table the platform sends (tariff, opening hours, fleet list), kept in a small file of its own.</summary>
    public interface IStoredTable
    {
        /// <summary>The platform's version number; 0 while none has been received.</summary>
        int Version { get; }

        void Write(ByteWriter writer);

        /// <returns>false when the bytes do not make a valid table (the table is then left empty)</returns>
        bool Read(ByteReader reader);
    }
}

namespace ChargeController.Loader
{
    /// <summary>
    /// The few file operations the loader needs, on the pile's flash. The loader runs before the pile's own assemblies
    /// (so it cannot use Hal's IFileStore); on the ESP32 it is LittleFS drive I:\ through System.IO, in the firmware an
    /// adapter over its IFileStore. Files are read in pieces, never whole.
    /// </summary>
    public interface ILoaderFiles
    {
        /// <returns>the file's length in bytes, or -1 when there is no such file</returns>
        int Length(string name);

        /// <returns>how many bytes were read into <paramref name="into"/> (fewer at the end of the file, 0 when there is none)</returns>
        int Read(string name, int position, byte[] into, int offset, int count);

        /// <summary>
        /// Makes <paramref name="count"/> bytes the file's whole content, creating it. Need not be atomic: after a power
        /// cut the file may hold any part of the new content over the old (<see cref="SlotStateStore"/> is safe with that).
        /// </summary>
        /// <returns>false when the write failed</returns>
        bool Write(string name, byte[] data, int offset, int count);
    }
}

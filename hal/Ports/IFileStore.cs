namespace ChargeController.Hal
{
    /// <summary>
    /// Files on the pile's flash, shaped like nanoFramework's LittleFS drive I:\ (256 KB, shared with Wi-Fi and
    /// certificate config). Appended bytes become durable at <see cref="Flush"/>; a replace writes a temporary file and
    /// moves it over the old one, so a power cut leaves the old content or the new, never a mix. Calls block for a flash
    /// write: storage runs off the control thread.
    /// </summary>
    public interface IFileStore
    {
        bool Exists(string name);

        /// <summary>Length in bytes, 0 when the file does not exist.</summary>
        int Length(string name);

        /// <summary>Reads from <paramref name="position"/> into the caller's buffer: files are streamed, never read whole.</summary>
        /// <returns>how many bytes were read (fewer at the end of the file)</returns>
        int Read(string name, int position, byte[] into, int offset, int count);

        /// <summary>Appends to the file (creating it); nothing of it survives a power cut until <see cref="Flush"/>.</summary>
        /// <returns>false when the store is full or failed</returns>
        bool Append(string name, byte[] data, int offset, int count);

        /// <summary>Makes everything appended to the file durable.</summary>
        bool Flush(string name);

        /// <summary>Writes the whole content to a temporary file, then moves it over <paramref name="name"/> atomically.</summary>
        bool Replace(string name, byte[] data, int offset, int count);

        /// <summary>
        /// Moves <paramref name="source"/> over <paramref name="target"/> in one step (LittleFS renames atomically): after a
        /// power cut the target holds the source's content or its own, never a mix. For a file written piece by piece.
        /// </summary>
        bool Move(string source, string target);

        bool Delete(string name);
    }
}

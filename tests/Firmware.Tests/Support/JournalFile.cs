using ChargeController.Firmware.Storage;
using ChargeController.Hal;

namespace ChargeController.Tests.Support;

/// <summary>A test's view of the whole journal file: every believed record as an object (the firmware never holds them all).</summary>
public static class JournalFile
{
    public static JournalRecord[] Records(IFileStore store) => Records(store, out _, out _);

    public static JournalRecord[] Records(IFileStore store, out int validLength, out bool torn)
    {
        var reader = new JournalReader(store, Journal.FileName);
        var records = new List<JournalRecord>();
        reader.Rewind();
        while (reader.Next())
            records.Add(reader.Record());
        validLength = reader.End;
        torn = reader.Torn;
        return records.ToArray();
    }
}

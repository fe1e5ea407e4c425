using ChargeController.Firmware.Storage;
using Xunit;

namespace ChargeController.Tests.Support;

/// <summary>
/// Fills a journal to an exact length with what compaction may not drop: closed sessions the broker has not acknowledged
/// (an outage), padded to the byte with console records (never more than the 16 latest, which compaction keeps).
/// No boot record: a later boot's would make it droppable.
/// </summary>
public static class JournalFill
{
    /// <summary>More than a session's open and close take.</summary>
    private const int SessionBytes = 2 * Journal.MaxRecordBytes;
    /// <summary>A console record with an empty reason: 34 bytes and one per character of its action (at most 40).</summary>
    private const int ConsoleBytes = 34;
    private const int ConsoleMaxBytes = ConsoleBytes + Journal.ConsoleActionBytes;

    /// <returns>how many sessions it wrote</returns>
    public static int To(Journal journal, int lengthBytes)
    {
        var sessions = 0;
        while (lengthBytes - journal.Length >= SessionBytes + 2 * ConsoleMaxBytes)
        {
            sessions++;
            var id = $"1-{sessions}";
            Assert.True(journal.AppendSessionOpen(id, "fleet-0001", 1_790_000_000 + sessions, sessions * 1000L, 0, sessions));
            Assert.True(journal.AppendSessionClose(id, 3, sessions * 1000L + 700, 0, 1_790_000_600 + sessions, sessions,
                "fleet-0001", sessions * 1000L));
        }
        while (journal.Length < lengthBytes)
        {
            var gap = lengthBytes - journal.Length;
            var record = gap <= ConsoleMaxBytes ? gap : gap - ConsoleMaxBytes < ConsoleBytes ? gap - ConsoleBytes : ConsoleMaxBytes;
            Assert.True(journal.AppendConsole(new string('x', record - ConsoleBytes), null, 1_790_000_000, 0));
        }
        Assert.Equal(lengthBytes, journal.Length);
        return sessions;
    }
}

using ChargeController.Runtime.Health;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// The health events as the outbox encodes them from their journal records (docs/schemas/event-health*.schema.json):
/// valid, and within an outbox slot even with every figure at its longest and every warning raised.
/// </summary>
public class HealthSchemaTests
{
    private const string LongPileId = "cc-0001-a-pile-id-of-thirty-two!"; // 32 characters: the longest PileSim accepts

    private static (Journal Journal, JournalReader Reader, SimFileStore Store) Journal()
    {
        var store = new SimFileStore();
        var journal = new Journal(store, int.MaxValue, 20);
        journal.Open();
        journal.StartBoot(int.MaxValue);
        return (journal, new JournalReader(store, ChargeController.Firmware.Storage.Journal.FileName), store);
    }

    private static string EncodeLast(JournalReader reader, JsonWriter writer)
    {
        reader.Rewind();
        var encoded = "";
        while (reader.Next())
        {
            Assert.True(new EventEncoder(writer, LongPileId) { HealthFields = new HealthMessage() }.Encode(reader), "did not fit an outbox slot");
            encoded = System.Text.Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length);
        }
        return encoded;
    }

    [Fact]
    public void TheDaysHealthAtItsLongestIsValidAndFitsAnOutboxSlot()
    {
        var (journal, reader, _) = Journal();
        var record = new HealthStore(new SimFileStore());
        var figures = new HealthFigures();
        for (var i = 0; i < HealthFigures.Count; i++)
            figures[i] = i == HealthFigures.WarningBits ? (1 << HealthWarnings.Count) - 1 : int.MaxValue; // every figure is a count or a level, never negative
        record.Seal(figures);
        Assert.True(journal.AppendHealth(record.Buffer, HealthStore.FiguresAt, 4_000_000_000, long.MaxValue));
        var writer = new JsonWriter(4096);
        var text = EncodeLast(reader, writer);
        // The record is the boot's first (seq 1): a seq of ten digits would add nine.
        Assert.True(text.Length + 9 <= Outbox.SlotBytes, $"{text.Length} bytes: {text}");
        var message = Schemas.AssertValid("event-health", text);
        Assert.Equal(int.MaxValue, message.GetProperty("contactor")[2].GetInt32());
    }

    [Fact]
    public void EveryHealthWarningIsValidAndSaysWhatToDo()
    {
        var (journal, reader, _) = Journal();
        for (var warning = 0; warning < HealthWarnings.Count; warning++)
        {
            Assert.True(journal.AppendHealthWarning(warning, int.MinValue, int.MaxValue, 4_000_000_000, 1234));
            var text = EncodeLast(reader, new JsonWriter(Outbox.SlotBytes));
            var message = Schemas.AssertValid("event-health-warning", text);
            Assert.Equal(HealthPart.NameOf(HealthWarnings.PartOf(warning)), message.GetProperty("part").GetString());
            Assert.Equal(HealthWarnings.FigureOf(warning), message.GetProperty("figure").GetString());
            Assert.Equal(int.MaxValue, message.GetProperty("threshold").GetInt32());
            Assert.False(string.IsNullOrEmpty(message.GetProperty("advice").GetString()));
        }
    }
}

using System.Text.Json;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;

namespace ChargeController.Tests.Support;

/// <summary>Questions tests ask of a recorded run, in the vocabulary of the trace.</summary>
public static class TraceQueries
{
    public static IEnumerable<PileEvent> Faults(this PileHarness pile, Fault fault) =>
        pile.Of(EventKind.Fault).Where(e => (Fault)e.Code == fault);

    public static IEnumerable<PileEvent> SessionEnds(this PileHarness pile) =>
        pile.Of(EventKind.Session).Where(e => e.Code == EventRing.SessionEnd);

    public static IEnumerable<PileEvent> SessionStarts(this PileHarness pile) =>
        pile.Of(EventKind.Session).Where(e => e.Code == EventRing.SessionStart);

    public static StopReason OnlyStopReason(this PileHarness pile) => (StopReason)pile.SessionEnds().Single().Value;

    public static IEnumerable<ConnectorStatus> Statuses(this PileHarness pile) =>
        pile.Of(EventKind.Status).Select(e => (ConnectorStatus)e.Code);

    public static bool IsOffline(this PileEvent session) => (session.Value2 & EventRing.SessionOffline) != 0;
    public static bool IsUnmetered(this PileEvent session) => (session.Value2 & EventRing.SessionUnmetered) != 0;

    public static IEnumerable<PileEvent> Commands(this PileHarness pile, string command) =>
        pile.Of(EventKind.Command).Where(e => e.Text == command);

    /// <summary>The config changes in the event stream: key, value, applies at the next boot; ordered by key.</summary>
    public static (string Key, string Value, bool AtNextBoot)[] ConfigChanges(this PileHarness pile) =>
        pile.Of(EventKind.ConfigChange).Select(e => (e.Text!, e.Text2!, e.Flag)).OrderBy(c => c.Item1).ToArray();

    /// <summary>The config-changed events the pile published (read from its journal by the outbox); ordered by key.</summary>
    public static (string Key, string Value, bool AtNextBoot)[] ConfigChangesPublished(this PileHarness pile) =>
        pile.Recorder.Publishes.Where(p => p.Topic == pile.Sim.Topics.Events).Select(p => JsonDocument.Parse(p.Payload).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "config-changed")
            .Select(e => (e.GetProperty("key").GetString()!, e.GetProperty("value").GetString()!, e.GetProperty("atNextBoot").GetBoolean()))
            .OrderBy(c => c.Item1).ToArray();

    /// <summary>The ConfigChange records on the journal.</summary>
    public static int ConfigChangeRecords(this PileHarness pile) =>
        JournalFile.Records(pile.Sim.Store).Count(r => r.Kind == JournalRecordKind.ConfigChange);
}

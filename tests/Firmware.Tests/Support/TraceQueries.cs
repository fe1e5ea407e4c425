using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;

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
}

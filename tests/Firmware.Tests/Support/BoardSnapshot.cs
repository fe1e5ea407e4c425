using ChargeController.Hal;

namespace ChargeController.Tests.Support;

/// <summary>What the simulated hardware looked like after one tick: the ground truth timing rules are measured against.</summary>
public readonly record struct BoardSnapshot(
    long TimeMs, bool Plugged, bool S2Closed, int DrawMa, PilotMode PilotMode, int DutyPermille, bool ContactorCommanded, bool Conducting,
    int HighLevelMv, int LowLevelMv);

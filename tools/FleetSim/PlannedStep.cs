namespace ChargeController.FleetSim;

/// <summary>Something that happens to one pile at a virtual time: a scenario verb line (docs/scenarios.md), as typed.</summary>
public readonly record struct PlannedStep(long AtMs, string Line);

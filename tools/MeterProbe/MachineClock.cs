using ChargeController.Hal;

namespace ChargeController.MeterProbe;

/// <summary>The laptop's monotonic millisecond clock, which the RTU master measures its silences and timeouts on.</summary>
public sealed class MachineClock : IMonotonicClock
{
    public long NowMs => Environment.TickCount64;
}

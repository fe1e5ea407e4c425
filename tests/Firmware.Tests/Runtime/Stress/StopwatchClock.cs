using System.Diagnostics;
using ChargeController.Hal;

namespace ChargeController.Tests.Runtime.Stress;

/// <summary>The real monotonic clock (Stopwatch), in ms since the test began.</summary>
public sealed class StopwatchClock : IMonotonicClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public long NowMs => (Stopwatch.GetTimestamp() - _start) * 1000 / Stopwatch.Frequency;
}

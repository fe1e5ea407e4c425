using ChargeController.Hal;

namespace ChargeController.Tests.Runtime.Stress;

/// <summary>The watchdog chip's input, toggled late now and then (up to 40 ms), and a reboot that is only counted.</summary>
public sealed class StressOutputs : ISupervisionOutputs
{
    private readonly Random _random;
    private int _reboots;

    public StressOutputs(int seed) => _random = new Random(seed);

    public int Reboots => Volatile.Read(ref _reboots);

    public void KickWatchdog()
    {
        if (_random.Next(8) == 0)
            Thread.Sleep(_random.Next(40));
    }

    public void Reboot() => Interlocked.Increment(ref _reboots);
}

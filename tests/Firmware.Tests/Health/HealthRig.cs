using System.Collections.Generic;
using ChargeController.Firmware.Config;
using ChargeController.Runtime.Health;

namespace ChargeController.Tests.Health;

/// <summary>The figures, the default thresholds and an alarm that keeps what it was told (raising the bit as the monitor does).</summary>
internal sealed class HealthRig : IHealthAlarm
{
    public readonly HealthFigures Figures = new();
    public readonly HealthSettings Settings = HealthSettings.From(new PileConfig());
    public readonly List<(int Warning, int Value, int Threshold)> Warnings = new();

    public void Warn(int warning, int value, int threshold)
    {
        Figures.Raise(warning);
        Warnings.Add((warning, value, threshold));
    }

    public bool Warned(int warning) => Warnings.Exists(w => w.Warning == warning);
}

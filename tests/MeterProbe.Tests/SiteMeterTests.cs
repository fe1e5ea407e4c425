using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using Xunit;

namespace ChargeController.MeterProbe.Tests;

/// <summary>`--site`: a site meter probed as the pile will read it, its currents signed by each phase's power.</summary>
public class SiteMeterTests
{
    private const int TimeoutMs = 300;

    [Fact]
    public void ASiteThatImportsOnOnePhaseAndExportsOnTwoReadsFineAsASiteMeter()
    {
        // The house's 20 A on L1, an inverter's 8 A on L2 and L3: the total power does not match voltage x current.
        var bus = new VirtualBus().Meter(MeterProfiles.Dtsu666, 2, 20, currentMa: 20_000, l2Ma: -8_000);
        var asPileMeter = Probe.Run(new RtuMaster(bus, bus, 9600, SerialParity.None, 1, TimeoutMs), MeterProfiles.Dtsu666, 2);
        Assert.Equal(MeterHealth.PowerMismatch, asPileMeter.Health);
        var report = Probe.Run(new RtuMaster(bus, bus, 9600, SerialParity.None, 1, TimeoutMs), MeterProfiles.Dtsu666, 2, site: true);
        Assert.Equal(MeterHealth.Ok, report.Health);
        var lines = Diagnosis.Lines(report, MeterProfiles.Dtsu666, 2, "9600 8N1", TimeoutMs, site: true).ToArray();
        Assert.Contains(lines, l => l.Contains("site L1") && l.Contains("20.000") && l.EndsWith("A (import)"));
        Assert.Contains(lines, l => l.Contains("site L2") && l.Contains("-8.000") && l.EndsWith("A (export)"));
        Assert.Equal("OK: the site meter answers with plausible values. Pile config: site.meter.profile=dtsu666 site.meter.address=2", lines[^1]);
    }

    [Fact]
    public void ASingleSiteMeterTakesTheSignOfItsTotalPower()
    {
        var bus = new VirtualBus().Meter(MeterProfiles.Ddsu666, 2, 20, currentMa: -6_000);
        var report = Probe.Run(new RtuMaster(bus, bus, 9600, SerialParity.None, 1, TimeoutMs), MeterProfiles.Ddsu666, 2, site: true);
        var lines = Diagnosis.Lines(report, MeterProfiles.Ddsu666, 2, "9600 8N1", TimeoutMs, site: true).ToArray();
        Assert.Contains(lines, l => l.Contains("site L1") && l.Contains("-6.000") && l.EndsWith("A (export)"));
    }

    [Fact]
    public void ACustomProfileIsNoSiteMeter()
    {
        Assert.Null(ProbeOptions.Parse(new[] { "--port", "/dev/null", "--profile", "custom", "--set", "meter.custom.energy.register=0", "--site" }, out var problem));
        Assert.Contains("--site takes a built-in profile", problem);
    }
}

using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;
using ChargeController.Hal;

namespace ChargeController.MeterProbe;

/// <summary>
/// Reads a meter once with the firmware's own profile, poller and plausibility rules, so what the technician sees on
/// the laptop is what the pile will see. When nothing answers in time, it listens on for the answer as long as the pile
/// could be set to wait (a slow meter answers late), and else looks for the meter at the other common addresses.
/// </summary>
public static class Probe
{
    /// <summary>Addresses tried when the configured one is silent: the factory defaults and the first few after.</summary>
    public const int ScanUpTo = 16;

    /// <param name="site">probe it as a site meter: its phases may import and export at once, so its power is not held to
    /// voltage x current, and its energy grows with the whole site (as <c>SiteSetup</c> polls it on the pile)</param>
    public static ProbeReport Run(RtuMaster bus, MeterProfile profile, byte address, int ratedCurrentA = 63, bool site = false)
    {
        var poller = site
            ? new MeterPoller(bus, profile, address, new MeterPlausibility(3L * MeterPlausibility.MaxCurrentMa / 1000 * 264), 1000, 1000,
                MeterPlausibility.PowerUnchecked)
            : new MeterPoller(bus, profile, address, new MeterPlausibility(3L * ratedCurrentA * 264), 1000, 1000);
        poller.Poll(0);
        if (poller.Health != MeterHealth.Timeout)
            return new ProbeReport(poller.Health, poller.ExceptionCode, poller.Latest, null);
        var lateMs = bus.LateAnswerMs(ConfigKeys.MeterResponseTimeoutMs.Max);
        return lateMs >= 0
            ? new ProbeReport(MeterHealth.Timeout, 0, null, null, lateMs)
            : new ProbeReport(MeterHealth.Timeout, 0, null, Scan(bus, profile, address));
    }

    private static byte? Scan(IModbusMaster bus, MeterProfile profile, byte skip)
    {
        var first = profile.Fields[0];
        var words = new ushort[2];
        for (var candidate = 1; candidate <= ScanUpTo; candidate++)
        {
            if (candidate == skip)
                continue;
            var status = profile.Function == MeterProfile.ReadHolding
                ? bus.ReadHoldingRegisters((byte)candidate, first.Address, first.RegisterCount, words, out _)
                : bus.ReadInputRegisters((byte)candidate, first.Address, first.RegisterCount, words, out _);
            if (status != ModbusStatus.Timeout)
                return (byte)candidate;
        }
        return null;
    }
}

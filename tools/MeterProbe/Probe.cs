using ChargeController.Firmware.Metering;
using ChargeController.Hal;

namespace ChargeController.MeterProbe;

/// <summary>
/// Reads a meter once with the firmware's own profile, poller and plausibility rules, so what the technician sees on
/// the laptop is what the pile will see. When nothing answers, it looks for the meter at the other common addresses.
/// </summary>
public static class Probe
{
    /// <summary>Addresses tried when the configured one is silent: the factory defaults and the first few after.</summary>
    public const int ScanUpTo = 16;

    public static ProbeReport Run(IModbusMaster bus, MeterProfile profile, byte address, int ratedCurrentA = 63)
    {
        var poller = new MeterPoller(bus, profile, address, new MeterPlausibility(3L * ratedCurrentA * 264), 1000, 1000);
        poller.Poll(0);
        var found = poller.Health == MeterHealth.Timeout ? Scan(bus, profile, address) : null;
        return new ProbeReport(poller.Health, poller.ExceptionCode, poller.Latest, found);
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

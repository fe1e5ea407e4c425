using System.Globalization;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;

namespace ChargeController.MeterProbe;

/// <summary>A probe's outcome in words a technician can act on.</summary>
public static class Diagnosis
{
    /// <param name="timeoutMs">the response timeout the probe waited</param>
    /// <param name="site">the meter was probed as a site meter (--site): its currents are shown signed, and its keys are site.meter.*</param>
    public static IEnumerable<string> Lines(ProbeReport report, MeterProfile profile, byte address, string serial, int timeoutMs, bool site = false)
    {
        if (report.Reading != null)
            foreach (var line in Values(report.Reading, profile))
                yield return line;
        if (report.Reading != null && site)
            foreach (var line in SiteValues(report.Reading, profile))
                yield return line;
        switch (report.Health)
        {
            case MeterHealth.Ok:
                yield return site
                    ? $"OK: the site meter answers with plausible values. Pile config: site.meter.profile={profile.Name} site.meter.address={address}"
                    : $"OK: the meter answers with plausible values. Pile config: meter.profile={profile.Name} meter.address={address}";
                break;
            case MeterHealth.Timeout:
                if (report.LateAnswerMs is { } lateMs)
                {
                    yield return $"LATE ANSWER: the meter at address {address} answers, but {lateMs} ms after the request, past the {timeoutMs} ms timeout.";
                    yield return $"  Set meter.responseTimeoutMs={SuggestedTimeoutMs(lateMs)} on the pile (here: --timeout {SuggestedTimeoutMs(lateMs)}); " +
                                 "a meter that slow may also have a slow RS485 converter in front of it.";
                    break;
                }
                yield return $"NO ANSWER from address {address} at {serial}.";
                if (report.AnswersAtAddress is { } other)
                    yield return $"  WRONG ADDRESS: a device answers at address {other}: set meter.address={other}, or change the meter's address to {address}.";
                else
                    yield return $"  Nothing answers at addresses 1-{Probe.ScanUpTo} either. Check: the meter has power; A and B are not swapped; " +
                                 $"the baud rate and parity match the meter's settings ({profile.Model} ships at {profile.DefaultBaud}).";
                break;
            case MeterHealth.CrcError:
                yield return $"CRC ERRORS: something answers at address {address}, but the frames are damaged. " +
                             "Usual causes: baud rate or parity differ from the meter's, a missing 120 ohm termination, " +
                             "an unshielded or too long cable, or two devices with the same address.";
                break;
            case MeterHealth.SlaveException:
                yield return $"SLAVE EXCEPTION {report.ExceptionCode:D2} ({ExceptionMeaning(report.ExceptionCode)}) from address {address}: " +
                             ExceptionAdvice(report.ExceptionCode, profile);
                break;
            case MeterHealth.ProfileIncomplete:
                yield return "PROFILE INCOMPLETE: the profile has no import-energy register; sessions cannot be billed.";
                break;
            case MeterHealth.PowerMismatch:
                yield return $"POWER MISMATCH (power-mismatch): the active power the meter reports is not its voltage x current (a power factor of " +
                             $"0.25 to 1, within a quarter). The power register's unit is not what the {profile.Name} profile says: most " +
                             "likely W where it expects kW, or kW where it expects W. Try another profile, or give meter.custom.power.shift.";
                break;
            case MeterHealth.PowerOutOfRange:
                yield return "POWER OUT OF RANGE (power-range): the meter reports more power than the pile can draw, or a number too " +
                             "large for any power. The power register's unit is likely not the profile's (W where it expects kW): " +
                             "try another profile, or give meter.custom.power.shift.";
                break;
            case MeterHealth.EnergyOutOfRange:
                yield return $"ENERGY OUT OF RANGE (energy-range): the import total is above {(MeterPlausibility.MaxImportWh / 1000).ToString("N0", CultureInfo.InvariantCulture)} kWh, more " +
                             "than any meter's register holds. The energy register's unit or word order is not the profile's: try another " +
                             "profile, or give meter.custom.energy.shift and meter.custom.wordOrder.";
                break;
            case MeterHealth.ValueOverflow:
                yield return "VALUE OVERFLOW (value-overflow): a register holds a finite number far beyond anything a meter measures. " +
                             "The word order or the register type is not the meter's: try another profile, or meter.custom.wordOrder " +
                             "and meter.custom.<quantity>.type.";
                break;
            default:
                yield return $"IMPLAUSIBLE VALUES ({Firmware.Text.Names.Of(report.Health)}): the meter answers, but what it says cannot be " +
                             $"true. Most likely it is not a {profile.Model}, or its word order or units differ: try another " +
                             "profile, or describe it with the meter.custom.* keys.";
                break;
        }
    }

    /// <summary>Half as long again as the answer took, in whole 100 ms, and never beyond what meter.responseTimeoutMs takes.</summary>
    public static int SuggestedTimeoutMs(int answerMs) =>
        Math.Min(ConfigKeys.MeterResponseTimeoutMs.Max, (answerMs * 3 / 2 + 99) / 100 * 100);

    private static IEnumerable<string> Values(MeterReading reading, MeterProfile profile)
    {
        var phases = profile.Phases == 3 ? new[] { 1, 2, 3 } : new[] { 1 };
        foreach (var phase in phases)
            yield return Row($"voltage L{phase}", Fixed(phase switch { 1 => reading.VoltageL1Mv, 2 => reading.VoltageL2Mv, _ => reading.VoltageL3Mv }), "V");
        foreach (var phase in phases)
            yield return Row($"current L{phase}", Fixed(phase switch { 1 => reading.CurrentL1Ma, 2 => reading.CurrentL2Ma, _ => reading.CurrentL3Ma }), "A");
        yield return Row("active power", reading.ActivePowerW.ToString(CultureInfo.InvariantCulture), "W");
        yield return Row("import energy", Fixed(reading.ImportWh), "kWh");
        if (reading.FrequencyMhz != MeterReading.Absent)
            yield return Row("frequency", Fixed(reading.FrequencyMhz), "Hz");
    }

    /// <summary>What the pile makes of a site meter: each phase's current with the sign of its power (docs/site.md).</summary>
    private static IEnumerable<string> SiteValues(MeterReading reading, MeterProfile profile)
    {
        var perPhasePower = Runtime.SiteCurrents.HasPerPhasePower(profile);
        for (var phase = 0; phase < profile.Phases; phase++)
        {
            var signedMa = Runtime.SiteCurrents.SignedMa(reading, phase, perPhasePower);
            yield return Row($"site L{phase + 1}", Fixed(signedMa), signedMa < 0 ? "A (export)" : "A (import)");
        }
    }

    private static string Row(string name, string value, string unit) => $"  {name,-14} {value,12} {unit}";

    /// <summary>Thousandths as a decimal, without floating point: 230000 mV is "230.000".</summary>
    private static string Fixed(long thousandths) =>
        (thousandths < 0 ? "-" : "") + (Math.Abs(thousandths) / 1000).ToString(CultureInfo.InvariantCulture) + "." +
        (Math.Abs(thousandths) % 1000).ToString("D3", CultureInfo.InvariantCulture);

    public static string ExceptionMeaning(byte code) => code switch
    {
        1 => "illegal function",
        2 => "illegal data address",
        3 => "illegal data value",
        4 => "slave device failure",
        5 => "acknowledge",
        6 => "slave device busy",
        _ => "unknown exception",
    };

    private static string ExceptionAdvice(byte code, MeterProfile profile) => code switch
    {
        1 => $"the meter does not read registers with function {profile.Function:D2}; it is probably not a {profile.Model}. Try another profile, or meter.custom.function.",
        2 => $"the meter has no register where the {profile.Model} map expects one; it is another model or variant (DTSU666-H, say). Try another profile, or meter.custom.*.",
        4 => "the meter reports an internal failure: power-cycle it; if it persists, replace it.",
        _ => "the meter refused the request; check its model against the profile.",
    };
}

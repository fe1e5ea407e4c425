using ChargeController.Firmware.Metering;

namespace ChargeController.MeterProbe;

/// <summary>What one probe found: the meter's health, its reading if plausible, and where else something answered.</summary>
public sealed record ProbeReport(MeterHealth Health, byte ExceptionCode, MeterReading? Reading, byte? AnswersAtAddress)
{
    public bool Ok => Health == MeterHealth.Ok;
}

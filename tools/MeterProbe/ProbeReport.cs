using ChargeController.Firmware.Metering;

namespace ChargeController.MeterProbe;

/// <summary>
/// What one probe found: the meter's health, its reading if plausible, where else something answered, and after a
/// timeout how long the meter took to answer when given longer (null when it did not).
/// </summary>
public sealed record ProbeReport(MeterHealth Health, byte ExceptionCode, MeterReading? Reading, byte? AnswersAtAddress, int? LateAnswerMs = null)
{
    public bool Ok => Health == MeterHealth.Ok;
}

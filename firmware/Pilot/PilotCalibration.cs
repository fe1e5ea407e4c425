using ChargeController.Firmware.Config;
using ChargeController.Hal;

namespace ChargeController.Firmware.Pilot
{
    /// <summary>The board's two-point pilot calibration (raw ADC counts to pilot mV) from the pilot.cal.* keys.</summary>
    public static class PilotCalibration
    {
        public static LinearCalibration From(PileConfig config) => new LinearCalibration(
            config.Get(ConfigKeys.PilotCalLowCounts), config.Get(ConfigKeys.PilotCalLowMv),
            config.Get(ConfigKeys.PilotCalHighCounts), config.Get(ConfigKeys.PilotCalHighMv));
    }
}

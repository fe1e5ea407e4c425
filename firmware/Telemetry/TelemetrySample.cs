using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Pilot;

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The measurements of one telemetry message, in the core's integer units. Preallocated and refilled for each message
    /// by the link side: pilot state and advertised current from the <see cref="StatusView"/>, the meter's latest
    /// reading, the temperature sensors and the modem's signal.
    /// </summary>
    public sealed class TelemetrySample
    {
        /// <summary>A measurement the pile does not have (no meter, no modem report).</summary>
        public const int Unknown = int.MinValue;

        public long UptimeMs;
        /// <summary>Unix seconds, or 0 while the wall clock is unknown.</summary>
        public long UnixS;
        public PilotState Cp;
        public int AdvertisedMa;
        /// <summary>Phases the meter measures (1 or 3); 0 while there is no reading.</summary>
        public int Phases;
        public readonly int[] VoltageMv = new int[3];
        public readonly int[] CurrentMa = new int[3];
        public int PowerW;
        public long EnergyWh;
        /// <summary>mHz, or <see cref="Unknown"/> when the meter has no frequency register.</summary>
        public int FrequencyMhz = Unknown;
        public int EnclosureDeciC = Unknown;
        public int ConnectorDeciC = Unknown;
        /// <summary>Received signal strength of the modem or Wi-Fi, dBm, or <see cref="Unknown"/>.</summary>
        public int SignalDbm = Unknown;
        /// <summary>The site's figures (site.mode limit or solar), or null.</summary>
        public ISiteTelemetry Site;

        /// <summary>Takes the meter's figures from a reading, or forgets them when there is none.</summary>
        public void SetMeter(MeterReading reading, int phases)
        {
            if (reading == null)
            {
                Phases = 0;
                FrequencyMhz = Unknown;
                return;
            }
            Phases = phases;
            VoltageMv[0] = reading.VoltageL1Mv;
            VoltageMv[1] = reading.VoltageL2Mv;
            VoltageMv[2] = reading.VoltageL3Mv;
            CurrentMa[0] = reading.CurrentL1Ma;
            CurrentMa[1] = reading.CurrentL2Ma;
            CurrentMa[2] = reading.CurrentL3Ma;
            PowerW = reading.ActivePowerW;
            EnergyWh = reading.ImportWh;
            FrequencyMhz = reading.FrequencyMhz == MeterReading.Absent ? Unknown : reading.FrequencyMhz;
        }
    }
}

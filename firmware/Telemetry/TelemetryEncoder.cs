using ChargeController.Firmware.Text;

namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The message of topic &lt;root&gt;/telemetry (docs/schemas/telemetry.schema.json): pilot state, advertised current,
    /// per-phase voltage and current, power, the energy register, frequency, temperatures and signal. Values the pile
    /// does not have are left out. Allocates nothing.
    /// </summary>
    public sealed class TelemetryEncoder : MessageEncoder
    {
        public TelemetryEncoder(JsonWriter writer, string pileId) : base(writer, pileId)
        {
        }

        /// <returns>false when the message did not fit the writer</returns>
        public bool Encode(TelemetrySample s)
        {
            Begin();
            var w = Times(s.UptimeMs, s.UnixS);
            w.String("cp", Names.Of(s.Cp)).Fixed("advertisedA", s.AdvertisedMa / 100, 1);
            if (s.Phases > 0)
            {
                w.BeginArray("voltageV");
                for (var i = 0; i < s.Phases; i++)
                    w.Fixed(s.VoltageMv[i] / 100, 1);
                w.EndArray().BeginArray("currentA");
                for (var i = 0; i < s.Phases; i++)
                    w.Fixed(s.CurrentMa[i] / 10, 2);
                w.EndArray().Integer("powerW", s.PowerW).Integer("energyWh", s.EnergyWh);
                if (s.FrequencyMhz != TelemetrySample.Unknown)
                    w.Fixed("frequencyHz", s.FrequencyMhz / 10, 2);
            }
            if (s.EnclosureDeciC != TelemetrySample.Unknown)
                w.Fixed("enclosureC", s.EnclosureDeciC, 1);
            if (s.ConnectorDeciC != TelemetrySample.Unknown)
                w.Fixed("connectorC", s.ConnectorDeciC, 1);
            if (s.SignalDbm != TelemetrySample.Unknown)
                w.Integer("signalDbm", s.SignalDbm);
            if (s.Site != null)
                s.Site.Encode(w);
            return End();
        }
    }
}

namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// A meter model as data: the function code that reads it, the order of the two words of a 32-bit value, its factory
    /// serial settings, and where each quantity lives. Adding a meter is a new profile, not a new code path.
    /// </summary>
    public sealed class MeterProfile
    {
        public const byte ReadHolding = 3;
        public const byte ReadInput = 4;

        public MeterProfile(string name, string model, int phases, byte function, bool highWordFirst, int defaultBaud, MeterField[] fields)
        {
            Name = name;
            Model = model;
            Phases = phases;
            Function = function;
            HighWordFirst = highWordFirst;
            DefaultBaud = defaultBaud;
            Fields = fields;
        }

        /// <summary>The config name: ddsu666, dtsu666, sdm120, sdm630, custom.</summary>
        public string Name { get; }
        public string Model { get; }
        public int Phases { get; }
        /// <summary>3 (read holding registers) or 4 (read input registers).</summary>
        public byte Function { get; }
        public bool HighWordFirst { get; }
        public int DefaultBaud { get; }
        public MeterField[] Fields { get; }

        public MeterField FieldFor(MeterQuantity quantity)
        {
            foreach (var field in Fields)
                if (field.Quantity == quantity)
                    return field;
            return null;
        }
    }
}

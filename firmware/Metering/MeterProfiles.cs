namespace ChargeController.Firmware.Metering
{
    /// <summary>
    /// The meters the pile knows (register maps from the makers' manuals): CHINT DDSU666 and DTSU666, Eastron
    /// SDM120 and SDM630. All hold IEEE-754 float32 values, high word first. The three-phase ones also read the power of
    /// each phase, signed, next to the currents (no extra transaction): a site meter tells a phase's export by it. A meter not listed here is described in
    /// config as the `custom` profile (<see cref="Custom"/>).
    /// </summary>
    public static class MeterProfiles
    {
        public static readonly MeterProfile Ddsu666 = new MeterProfile("ddsu666", "CHINT DDSU666", 1, MeterProfile.ReadInput, true, 9600, new[]
        {
            Float(MeterQuantity.VoltageL1, 0x2000, 3),
            Float(MeterQuantity.CurrentL1, 0x2002, 3),
            Float(MeterQuantity.ActivePower, 0x2004, 3),     // kW
            Float(MeterQuantity.Frequency, 0x200E, 3),
            Float(MeterQuantity.ImportEnergy, 0x4000, 3),    // kWh
        });

        public static readonly MeterProfile Dtsu666 = new MeterProfile("dtsu666", "CHINT DTSU666", 3, MeterProfile.ReadInput, true, 9600, new[]
        {
            Float(MeterQuantity.VoltageL1, 0x2006, 2),       // 0.1 V
            Float(MeterQuantity.VoltageL2, 0x2008, 2),
            Float(MeterQuantity.VoltageL3, 0x200A, 2),
            Float(MeterQuantity.CurrentL1, 0x200C, 0),       // 0.001 A
            Float(MeterQuantity.CurrentL2, 0x200E, 0),
            Float(MeterQuantity.CurrentL3, 0x2010, 0),
            Float(MeterQuantity.ActivePower, 0x2012, -1),    // 0.1 W
            Float(MeterQuantity.PowerL1, 0x2014, -1),        // 0.1 W, signed: a site meter's export
            Float(MeterQuantity.PowerL2, 0x2016, -1),
            Float(MeterQuantity.PowerL3, 0x2018, -1),
            Float(MeterQuantity.Frequency, 0x2044, 1),       // 0.01 Hz
            Float(MeterQuantity.ImportEnergy, 0x401E, 3),    // kWh
        });

        public static readonly MeterProfile Sdm120 = new MeterProfile("sdm120", "Eastron SDM120", 1, MeterProfile.ReadInput, true, 2400, new[]
        {
            Float(MeterQuantity.VoltageL1, 0x0000, 3),
            Float(MeterQuantity.CurrentL1, 0x0006, 3),
            Float(MeterQuantity.ActivePower, 0x000C, 0),     // W
            Float(MeterQuantity.Frequency, 0x0046, 3),
            Float(MeterQuantity.ImportEnergy, 0x0048, 3),    // kWh
        });

        public static readonly MeterProfile Sdm630 = new MeterProfile("sdm630", "Eastron SDM630", 3, MeterProfile.ReadInput, true, 9600, new[]
        {
            Float(MeterQuantity.VoltageL1, 0x0000, 3),
            Float(MeterQuantity.VoltageL2, 0x0002, 3),
            Float(MeterQuantity.VoltageL3, 0x0004, 3),
            Float(MeterQuantity.CurrentL1, 0x0006, 3),
            Float(MeterQuantity.CurrentL2, 0x0008, 3),
            Float(MeterQuantity.CurrentL3, 0x000A, 3),
            Float(MeterQuantity.PowerL1, 0x000C, 0),         // W, signed: a site meter's export
            Float(MeterQuantity.PowerL2, 0x000E, 0),
            Float(MeterQuantity.PowerL3, 0x0010, 0),
            Float(MeterQuantity.ActivePower, 0x0034, 0),     // W
            Float(MeterQuantity.Frequency, 0x0046, 3),
            Float(MeterQuantity.ImportEnergy, 0x0048, 3),    // kWh
        });

        /// <summary>The built-in profiles, in the order of the `meter.profile` choices after "none".</summary>
        public static readonly MeterProfile[] BuiltIn = { Ddsu666, Dtsu666, Sdm120, Sdm630 };

        public static MeterProfile Find(string name)
        {
            foreach (var profile in BuiltIn)
                if (profile.Name == name)
                    return profile;
            return null;
        }

        private static MeterField Float(MeterQuantity quantity, int address, int decimalShift) =>
            new MeterField(quantity, (ushort)address, RegisterType.Float32, decimalShift);
    }
}

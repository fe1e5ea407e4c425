namespace ChargeController.Firmware.Events
{
    /// <summary>
    /// One thing that happened in the core. A flat value type so the ring can hold a fixed number of them without
    /// allocating; what each field means depends on <see cref="Kind"/>:
    ///   Boot      Code = BootReason
    ///   Cp        Code = PilotState
    ///   Pilot     Code = PilotMode, Value = duty permille, Value2 = advertised mA
    ///   Contactor Flag = closed
    ///   Status    Code = ConnectorStatus, Value = ErrorCode
    ///   Fault     Code = Fault, Flag = active, Flag2 = latched
    ///   Session   Code = 0 start / 1 end, Value = StopReason, Flag = offline, Text = session id, Text2 = id tag
    ///   Command   Flag = accepted, Text = command name, Text2 = why it was rejected
    /// </summary>
    public struct PileEvent
    {
        public long TimeMs;
        public EventKind Kind;
        public int Code;
        public int Value;
        public int Value2;
        public bool Flag;
        public bool Flag2;
        public string Text;
        public string Text2;
    }
}

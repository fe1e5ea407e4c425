namespace ChargeController.Firmware.Commands
{
    public enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }
}

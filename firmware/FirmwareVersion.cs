namespace ChargeController.Firmware
{
    /// <summary>The firmware's one version: the console's `version` and the platform's status both say it.</summary>
    public static class FirmwareVersion
    {
        public const string Text = "1.0.0";
    }
}

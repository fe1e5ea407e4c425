namespace ChargeController.Firmware.Commands
{
    /// <summary>Id tags as commands and the fleet list accept them: 1 to 20 printable ASCII characters (OCPP CiString20).</summary>
    public static class IdTags
    {
        /// <summary>The most bytes a valid tag can take in JSON, escaped (\u0041 for each character): checked before it is read.</summary>
        public const int MaxBytes = 6 * Pile.MaxIdTagLength;

        public static bool Valid(string tag)
        {
            if (tag == null || tag.Length == 0 || tag.Length > Pile.MaxIdTagLength)
                return false;
            for (var i = 0; i < tag.Length; i++)
                if (tag[i] < 0x20 || tag[i] > 0x7E)
                    return false;
            return true;
        }
    }
}

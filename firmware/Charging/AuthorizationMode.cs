namespace ChargeController.Firmware.Charging
{
    public enum AuthorizationMode
    {
        /// <summary>Plug and charge: every plug-in is authorised.</summary>
        Free,
        /// <summary>Charging starts only on a platform start command naming an id tag.</summary>
        Platform,
    }

    /// <summary>What a pile in platform mode does with a start request while its platform link is down.</summary>
    public enum OfflinePolicy
    {
        Refuse,
        /// <summary>Charge, and mark the session offline so the platform settles it when the link returns.</summary>
        Allow,
        /// <summary>Only id tags on the fleet list charge (marked offline like Allow); everyone else is refused.</summary>
        Fleet,
    }
}

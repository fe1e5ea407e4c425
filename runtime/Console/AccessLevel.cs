namespace ChargeController.Runtime.Console
{
    /// <summary>What the person at the console may do.</summary>
    public enum AccessLevel
    {
        /// <summary>Read-only commands.</summary>
        None,
        /// <summary>Logged in with the factory PIN: `pin change` only.</summary>
        Factory,
        /// <summary>Logged in with the technician PIN: every command.</summary>
        Technician,
    }
}

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The steps of a firmware update as the platform sees them (the `update` event's "state", the status's "update"),
    /// (docs/mqtt-api.md, Updates; the reasons of a rejection or a rollback are the loader's <see cref="Loader.UpdateReasons"/>). <see cref="Idle"/>,
    /// <see cref="Downloading"/>, <see cref="Verified"/>, <see cref="Switching"/> and <see cref="Trial"/> are also what
    /// the pile keeps on flash (<see cref="UpdateRecord.State"/>); the others are outcomes.
    /// </summary>
    public static class UpdateStates
    {
        public const int Idle = 0;
        public const int Offered = 1;
        public const int Downloading = 2;
        public const int Verified = 3;
        public const int Switching = 4;
        public const int Trial = 5;
        public const int Confirmed = 6;
        public const int Rejected = 7;
        public const int RolledBack = 8;

        private static readonly string[] Names =
            { "idle", "offered", "downloading", "verified", "switching", "trial", "confirmed", "rejected", "rolled-back" };

        public static string Name(int state) => state >= 0 && state < Names.Length ? Names[state] : "idle";
    }
}

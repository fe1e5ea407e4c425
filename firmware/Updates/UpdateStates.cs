namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The steps of a firmware update as the platform sees them (the `update` event's "state", the status's "update"),
    /// and the reasons of a rejection or a rollback (docs/mqtt-api.md, Updates). <see cref="Idle"/>,
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

    /// <summary>Why an update was refused or undone (lowercase, hyphenated: the event's "reason").</summary>
    public static class UpdateReasons
    {
        public const string BadSignature = "bad-signature";
        public const string UnknownKey = "unknown-key";
        public const string BadManifest = "bad-manifest";
        public const string Expired = "expired";
        public const string OlderVersion = "older-version";
        public const string WrongBoard = "wrong-board";
        public const string LoaderTooOld = "loader-too-old";
        public const string FileHash = "file-hash";
        public const string FileSize = "file-size";
        public const string NotFound = "not-found";
        public const string StorageFailed = "storage-failed";
        public const string TrialTimeout = "trial-timeout";
        public const string CrashLoop = "crash-loop";
        public const string PowerCut = "power-cut";
    }
}

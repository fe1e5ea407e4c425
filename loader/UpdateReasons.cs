namespace ChargeController.Loader
{
    /// <summary>Why an update was refused or undone: the reasons the platform receives, lowercase and hyphenated.</summary>
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

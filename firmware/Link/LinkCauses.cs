using ChargeController.Hal;

namespace ChargeController.Firmware.Link
{
    /// <summary>Why the link failed or was lost, by the names the console's `net` shows (<see cref="LinkSupervisor.LastError"/>).</summary>
    public static class LinkCauses
    {
        /// <summary>No failure yet this boot.</summary>
        public const int None = -1;

        private static readonly string[] Names = { "dns", "tls", "auth", "refused", "timeout", "network", "lost", "stuck", "untracked", "denied", "sub-denied", "undelivered" };

        /// <returns>the cause's name, or null for <see cref="None"/></returns>
        public static string Name(int cause) => cause == None ? null : Names[cause];

        /// <returns>the cause named so, or <see cref="None"/> for a reason that is not a failure's ("left")</returns>
        public static int IndexOf(string reason)
        {
            for (var cause = 0; cause < Names.Length; cause++)
                if (Names[cause] == reason)
                    return cause;
            return None;
        }

        /// <summary>The cause a failed connect or subscribe reports.</summary>
        public static string Of(LinkStatus status)
        {
            switch (status)
            {
                case LinkStatus.DnsFailure: return "dns";
                case LinkStatus.TlsFailure: return "tls";
                case LinkStatus.AuthenticationFailure: return "auth";
                case LinkStatus.Refused: return "refused";
                case LinkStatus.Timeout: return "timeout";
                default: return "network";
            }
        }
    }
}

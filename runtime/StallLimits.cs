using ChargeController.Firmware.Config;
using ChargeController.Firmware.Link;

namespace ChargeController.Runtime
{
    /// <summary>
    /// How long each thread's wake-up may go without a beat before the supervisor handles it as dead (docs/supervision.md,
    /// Every thread): what it may block on, with a margin. The control loop's is supervision.stallLimitMs; the supervisor's
    /// own is the external watchdog's (a supervisor that stops kicking it is reset by the chip).
    /// </summary>
    public sealed class StallLimits
    {
        public readonly int ControlMs;
        /// <summary>The safety loop never blocks either: the control loop's limit.</summary>
        public readonly int SafetyMs;
        public readonly int SupervisorMs = 5000;
        /// <summary>A poll reads a few blocks, each up to meter.responseTimeoutMs (2 s at most).</summary>
        public readonly int MeterMs = 30000;
        /// <summary>A flash write may take hundreds of ms, a compaction seconds; an hour-long stall of the ring is survived, a stuck write is not.</summary>
        public readonly int StorageMs = 60000;
        /// <summary>A connect waits up to its timeout, then the subscriptions and publishes.</summary>
        public readonly int NetworkMs;
        public readonly int ConsoleMs = 10000;
        public readonly int WifiMs;

        public StallLimits(PileConfig config, LinkSettings link)
        {
            ControlMs = config.Get(ConfigKeys.StallLimitMs);
            SafetyMs = ControlMs;
            NetworkMs = link.ConnectTimeoutMs + 30000;
            WifiMs = config.Get(ConfigKeys.WifiConnectTimeoutS) * 1000 + 10000;
        }
    }
}

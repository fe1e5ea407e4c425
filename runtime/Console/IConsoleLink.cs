namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// What the console shows of the platform link and its outbox (`net`, `outbox`); comes with telemetry. Read by the
    /// control thread: every member is one word another thread published, never a wait.
    /// </summary>
    public interface IConsoleLink
    {
        /// <summary>"connected", "connecting" (before the first attempt) or "offline".</summary>
        string State { get; }
        /// <summary>Connections after the first, this boot.</summary>
        int Reconnects { get; }
        /// <summary>Why the link last failed or was lost (dns, tls, auth, refused, network, timeout, lost, stuck, untracked, denied,
        /// sub-denied, undelivered), or null.</summary>
        string LastError { get; }
        /// <summary>While the broker refuses the pile's publishes (fault link-refused): its MQTT reason code (0x87 not authorized); else 0.</summary>
        int RefusedReason { get; }
        /// <summary>While the broker refuses the pile (fault link-refused): how (LinkSupervisor.RefusedPublish, RefusedSubscription,
        /// NotDelivered); else 0.</summary>
        int Refusal { get; }
        /// <summary>Records waiting to be sent or acknowledged.</summary>
        int Backlog { get; }
        /// <summary>The boot of the oldest record waiting (its sequence is boot-record), or -1 when none waits.</summary>
        int OldestBoot { get; }
        /// <summary>The oldest waiting record's number within its boot.</summary>
        int OldestRecord { get; }
    }
}

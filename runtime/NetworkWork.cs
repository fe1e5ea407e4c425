namespace ChargeController.Runtime
{
    /// <summary>
    /// The network thread: the link supervisor's turn (Firmware.Link.LinkSupervisor). It may block on the broker link for
    /// up to the connect timeout; nothing else waits for it: the control thread reads one word, the storage thread's
    /// outbox slots wait in their ring.
    /// </summary>
    internal sealed class NetworkWork : IRuntimeWork
    {
        private readonly PileRuntime _runtime;

        public NetworkWork(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunOnce(long nowMs)
        {
            var supervisor = _runtime.LinkSupervisor;
            if (supervisor == null)
                return;
            if (!_runtime.LinkLeaveAsked)
                supervisor.RunOnce(nowMs);
            else if (supervisor.Leave(nowMs))
                _runtime.MarkLinkLeft(); // and stays off until the next boot
        }
    }
}

using ChargeController.Runtime.Console;
using ChargeController.Firmware.Link;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The console's view of this boot's platform link: the words the network thread (<see cref="LinkSupervisor"/>) and
    /// the storage thread (<see cref="Outbox"/>) publish, read by the control thread without waiting for either.
    /// </summary>
    internal sealed class PileConsoleLink : IConsoleLink
    {
        private readonly LinkSupervisor _supervisor;
        private readonly Outbox _outbox;

        public PileConsoleLink(LinkSupervisor supervisor, Outbox outbox)
        {
            _supervisor = supervisor;
            _outbox = outbox;
        }

        public string State
        {
            get
            {
                var state = _supervisor.LinkState;
                return state == 1 ? "connected" : state == LinkSupervisor.LinkUnknown ? "connecting" : "offline";
            }
        }

        public int Reconnects => _supervisor.Reconnects;
        public string LastError => _supervisor.LastError;
        public int RefusedReason => _supervisor.PublishesRefused ? _supervisor.RefusedReason : 0;
        public int Refusal => _supervisor.PublishesRefused ? _supervisor.Refusal : 0;
        public int Backlog => _outbox.Pending;
        public int OldestBoot => _outbox.OldestBoot;
        public int OldestRecord => _outbox.OldestRecord;
    }
}

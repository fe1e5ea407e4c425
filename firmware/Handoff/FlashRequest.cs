using System.Threading;

namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// A one-slot handoff of a flash write from a thread that must not wait on flash (control, console) to the storage
    /// thread. The requester posts an <see cref="IFlashWrite"/>, the storage thread runs it and publishes the outcome, the
    /// requester collects it and only then may post again. One word in Interlocked carries the state, so each side sees
    /// the other's work complete.
    /// </summary>
    public sealed class FlashRequest
    {
        private const int Idle = 0;
        private const int Posted = 1;
        private const int Stored = 2;
        private const int Failed = 3;

        private IFlashWrite _write;
        private int _state;

        private int State => Interlocked.CompareExchange(ref _state, 0, 0);

        /// <summary>Requester: nothing posted, or its outcome collected.</summary>
        public bool IsIdle => State == Idle;

        /// <summary>Requester: the storage thread has run the write (see <see cref="Collect"/>).</summary>
        public bool IsDone => State >= Stored;

        /// <summary>Requester: hands the write over; false while an earlier one is not collected.</summary>
        public bool TryPost(IFlashWrite write)
        {
            if (State != Idle)
                return false;
            _write = write;
            Interlocked.Exchange(ref _state, Posted);
            return true;
        }

        /// <summary>Requester: the outcome of a done write (true: stored), and the slot is free again.</summary>
        public bool Collect()
        {
            var stored = State == Stored;
            _write = null;
            Interlocked.Exchange(ref _state, Idle);
            return stored;
        }

        /// <summary>Storage thread: runs the posted write, if any.</summary>
        public void Serve()
        {
            if (State != Posted)
                return;
            Interlocked.Exchange(ref _state, _write.Write() ? Stored : Failed);
        }
    }
}

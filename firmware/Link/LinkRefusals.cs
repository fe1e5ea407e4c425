using System.Threading;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// The link-refused fault's bookkeeping: which kinds of publish the broker refused last time it answered one (a bit per
    /// kind, kept by the network thread), and the words the control thread reads each tick: whether any is refused now,
    /// and how the broker last refused the pile (<see cref="LinkSupervisor.Refusal"/>'s codes).
    /// </summary>
    public sealed class LinkRefusals
    {
        /// <summary>One bit per topic kind (1 &lt;&lt; kind) whose last answered publish the broker refused.</summary>
        private int _refusedKinds;
        private int _refusedWord;
        private int _refusalWord;

        /// <summary>Read by the control thread: some kind of publish is refused now.</summary>
        public bool Any => Interlocked.CompareExchange(ref _refusedWord, 0, 0) != 0;
        /// <summary>Read by the control thread: how the broker last refused the pile, 0 if never.</summary>
        public int Last => Interlocked.CompareExchange(ref _refusalWord, 0, 0);

        /// <summary>Marks a topic kind refused (and how) or accepted; the link-refused fault's word follows.</summary>
        public void Mark(int kind, bool refused, int how)
        {
            _refusedKinds = refused ? _refusedKinds | (1 << kind) : _refusedKinds & ~(1 << kind);
            if (refused)
                Interlocked.Exchange(ref _refusalWord, how);
            Interlocked.Exchange(ref _refusedWord, _refusedKinds != 0 ? 1 : 0);
        }
    }
}

using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// The contactor port as the core commands it, between the core and the board's contactor: the contactor is closed
    /// while the core wants it closed and the safety loop (<see cref="SafetyLoop"/>, a thread of its own) has not opened
    /// it. The safety loop can only open, and its opening holds until the core itself commands open: every close is a
    /// fresh decision of the core.
    ///
    /// Two threads share it: the control thread commands (<see cref="Command"/>, and reads <see cref="OpenedBySafetyLoop"/>),
    /// the safety thread reads <see cref="HeldClosed"/> and trips. One word holds the state, changed only with Interlocked:
    /// open (the core wants it open), closed, or opened by the safety loop; one more word says why. Opening is always
    /// safe, so either thread writes an open to the port at once; a close re-reads the state after writing the port and
    /// takes itself back if the safety loop tripped meanwhile, so a close never outlasts a trip.
    /// </summary>
    public sealed class SafetyInterlock : IContactor
    {
        private const int Open = 0;
        private const int Closed = 1;
        private const int Tripped = 2;

        private readonly IContactor _contactor;
        private int _state;
        private int _cause;

        /// <param name="contactor">the board's contactor</param>
        public SafetyInterlock(IContactor contactor)
        {
            _contactor = contactor;
        }

        /// <summary>Control thread: the core's command. An open resets a trip; a close after a trip waits for that open.</summary>
        public void Command(bool closed)
        {
            if (!closed)
            {
                Interlocked.Exchange(ref _state, Open);
                _contactor.Command(false);
                return;
            }
            if (Interlocked.CompareExchange(ref _state, Closed, Open) == Tripped)
                return;
            _contactor.Command(true);
            if (State != Closed)
                _contactor.Command(false); // the safety loop tripped between the state and the port: its open stands
        }

        public bool FeedbackClosed => _contactor.FeedbackClosed;

        /// <summary>Safety thread: the core has the contactor closed, and the safety loop has not opened it.</summary>
        public bool HeldClosed => State == Closed;

        /// <summary>Safety thread: opens the contactor, unless the core opened it meanwhile.</summary>
        public void Trip(SafetyCause cause)
        {
            if (State != Closed)
                return; // open already, by the core or by an earlier cause: its cause stands
            Interlocked.Exchange(ref _cause, (int)cause); // before the state: whoever sees the trip sees its cause
            if (Interlocked.CompareExchange(ref _state, Tripped, Closed) == Closed)
                _contactor.Command(false);
        }

        /// <summary>Control thread: the safety loop opened the contactor while the core had it closed.</summary>
        public bool OpenedBySafetyLoop => State == Tripped;

        /// <summary>Why the safety loop last opened it.</summary>
        public SafetyCause Cause => (SafetyCause)Interlocked.CompareExchange(ref _cause, 0, 0);

        private int State => Interlocked.CompareExchange(ref _state, 0, 0);
    }
}

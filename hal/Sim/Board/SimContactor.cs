using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>A contactor whose contacts can weld shut or refuse to pull in; the auxiliary contact tells the truth.</summary>
    public sealed class SimContactor : IContactor
    {
        public bool Commanded { get; private set; }
        public bool Welded { get; set; }
        public bool Stuck { get; set; }

        public void Command(bool closed) => Commanded = closed;

        public bool FeedbackClosed => Welded || (Commanded && !Stuck);
    }
}

using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>
    /// A motor plug lock that takes <see cref="ActuationMs"/> to move and keeps its position without power. It can jam
    /// (will not engage) or stick (will not release); its position switch tells the truth.
    /// </summary>
    public sealed class SimConnectorLock : IConnectorLock
    {
        public const int ActuationMs = 100;

        private long _commandedAtMs;
        private long _nowMs;

        public bool Commanded { get; private set; }
        public bool Jammed { get; set; }
        public bool Stuck { get; set; }
        public bool FeedbackLocked { get; private set; }

        public void Command(bool locked)
        {
            if (locked == Commanded)
                return;
            Commanded = locked;
            _commandedAtMs = _nowMs;
        }

        public void Step(long nowMs)
        {
            _nowMs = nowMs;
            if (Commanded == FeedbackLocked || nowMs - _commandedAtMs < ActuationMs)
                return;
            if (Commanded ? !Jammed : !Stuck)
                FeedbackLocked = Commanded;
        }
    }
}

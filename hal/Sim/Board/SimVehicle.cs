using ChargeController.Firmware.Pilot;
using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>
    /// A vehicle on the end of the cable. Compliant unless told to disobey: it closes S2 when it wants to charge and sees
    /// PWM; draws what it wants up to the advertised current, following a change within 0.5 s; when the PWM stops (or it
    /// pauses) it stops drawing within 0.5 s and opens S2 within 1 s. A disobedient vehicle keeps S2 and its draw as
    /// they are, whatever the pilot says.
    /// </summary>
    public sealed class SimVehicle
    {
        public const int S2ReactionMs = 100;
        public const int CurrentFollowMs = 500;
        public const int S2OpenMs = 900;
        public const int WantsAllMa = int.MaxValue;

        private long _s2WantSinceMs = -1;
        private long _s2DropSinceMs = -1;
        private int _targetMa;
        private long _targetSinceMs;

        public bool Plugged { get; private set; }
        public int CableRatedA { get; private set; }
        public bool Ready { get; set; }
        public bool Ventilation { get; set; }
        public bool Disobeying { get; private set; }
        public bool DiodeMissing { get; set; }
        public int WantedMa { get; set; } = WantsAllMa;
        /// <summary>Draws on three phases (on a three-phase pile); otherwise on L1 only.</summary>
        public bool ThreePhase { get; set; }
        public bool S2Closed { get; private set; }
        public int DrawMa { get; private set; }

        public void Plug(int cableRatedA)
        {
            Plugged = true;
            CableRatedA = cableRatedA;
            Ready = false;
            Ventilation = false;
            Disobeying = false;
            DiodeMissing = false;
            WantedMa = WantsAllMa;
            ThreePhase = false;
            S2Closed = false;
            DrawMa = 0;
            _targetMa = 0;
        }

        public void Unplug()
        {
            Plugged = false;
            S2Closed = false;
            DrawMa = 0;
            _targetMa = 0;
        }

        /// <summary>From now on ignore the pilot: keep S2 and draw what it draws now (or what it was told to want).</summary>
        public void Disobey()
        {
            Disobeying = true;
            if (WantedMa == WantsAllMa)
                WantedMa = DrawMa;
        }

        public void Obey() => Disobeying = false;

        /// <param name="conducting">whether the contactor actually carries current (its contacts, not its command)</param>
        public void Step(long nowMs, PilotMode mode, int dutyPermille, bool conducting)
        {
            if (!Plugged)
                return;
            var advertisedMa = mode == PilotMode.Pwm ? PilotDuty.ToCurrentMa(dutyPermille) : 0;
            if (Disobeying)
            {
                DrawMa = conducting && S2Closed ? WantedMa : 0;
                return;
            }
            StepS2(nowMs, Ready && advertisedMa > 0);
            var targetMa = conducting && S2Closed && Ready ? Wanted(advertisedMa) : 0;
            if (targetMa != _targetMa)
            {
                _targetMa = targetMa;
                _targetSinceMs = nowMs;
            }
            if (!conducting)
                DrawMa = 0;
            else if (nowMs - _targetSinceMs >= CurrentFollowMs)
                DrawMa = _targetMa;
        }

        private void StepS2(long nowMs, bool wantsS2)
        {
            if (wantsS2)
            {
                _s2DropSinceMs = -1;
                if (_s2WantSinceMs < 0)
                    _s2WantSinceMs = nowMs;
                if (nowMs - _s2WantSinceMs >= S2ReactionMs)
                    S2Closed = true;
                return;
            }
            _s2WantSinceMs = -1;
            if (!S2Closed)
                return;
            if (_s2DropSinceMs < 0)
                _s2DropSinceMs = nowMs;
            if (nowMs - _s2DropSinceMs >= S2OpenMs)
                S2Closed = false;
        }

        private int Wanted(int limitMa) => WantedMa < limitMa ? WantedMa : limitMa;
    }
}

using ChargeController.Firmware;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Metering;
using ChargeController.Sim.Metering;
using ChargeController.Sim.Board;
using ChargeController.Sim.Trace;

namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// The firmware's core on the simulated board, stepped tick by tick on virtual time. Each tick: the vehicle reacts to
    /// the pilot, the pile ticks, and the events of the tick go to the writer. The scenario runner and the interactive
    /// PileSim both drive this.
    /// </summary>
    public sealed class SimulatedPile
    {
        public const int EventCapacity = 256;

        private readonly IEventWriter _writer;
        private long _nextTickMs;

        public SimulatedPile(PileConfig config, IEventWriter writer)
        {
            _writer = writer;
            Board = new SimBoard();
            Events = new EventRing(EventCapacity);
            _threePhasePile = MeterSetup.Phases(config) == 3;
            var profile = MeterSetup.ProfileFrom(config);
            if (profile != null)
            {
                Meter = new SimMeter(profile, (byte)config.Get(ConfigKeys.MeterAddress));
                Bus = new SimModbusBus(Meter);
                Poller = MeterSetup.PollerFrom(config, Bus);
            }
            Pile = new Pile(config, Board.Hardware, Poller, Events, 1);
        }

        private readonly bool _threePhasePile;

        /// <summary>The simulated meter, or null with `meter.profile=none`.</summary>
        public SimMeter Meter { get; }
        public SimModbusBus Bus { get; }
        public MeterPoller Poller { get; }

        public SimBoard Board { get; }
        public EventRing Events { get; }
        public Pile Pile { get; }
        public long NowMs => Board.Clock.NowMs;

        public void Start()
        {
            Pile.Start(BootReason.PowerOn);
            Drain();
        }

        /// <summary>Runs every tick up to and including <paramref name="timeMs"/>.</summary>
        public void AdvanceTo(long timeMs)
        {
            while (_nextTickMs <= timeMs)
            {
                Board.Clock.AdvanceTo(_nextTickMs);
                Board.Step();
                StepMeter();
                Pile.Tick();
                Drain();
                _nextTickMs += Pile.TickMs;
            }
        }

        /// <summary>Applies one scenario step to the board or the core, now.</summary>
        /// <returns>null when done, else why the step cannot apply to this pile (nothing changed then)</returns>
        public string Apply(ScenarioStep step)
        {
            var refusal = Refusal(step);
            if (refusal != null)
                return refusal;
            Board.Clock.AdvanceTo(step.TimeMs);
            var vehicle = Board.Vehicle;
            switch (step.Verb)
            {
                case ScenarioVerb.Plug: vehicle.Plug(step.Number); break;
                case ScenarioVerb.Unplug: vehicle.Unplug(); break;
                case ScenarioVerb.EvReady: vehicle.Ready = true; break;
                case ScenarioVerb.EvPause: vehicle.Ready = false; break;
                case ScenarioVerb.EvVentilation: vehicle.Ventilation = true; break;
                case ScenarioVerb.EvDraw: vehicle.WantedMa = step.Number * 1000; vehicle.ThreePhase = step.Text != null; break;
                case ScenarioVerb.EvDisobey: vehicle.Disobey(); break;
                case ScenarioVerb.EvObey: vehicle.Obey(); break;
                case ScenarioVerb.EvDiodeMissing: vehicle.DiodeMissing = true; break;
                case ScenarioVerb.CpShort: Board.Pilot.Shorted = true; break;
                case ScenarioVerb.CpOpen: Board.Pilot.WireOpen = true; break;
                case ScenarioVerb.CpLevel: Board.Pilot.ForcedLevelMv = step.Number; break;
                case ScenarioVerb.CpRestore: Board.Pilot.Restore(); break;
                case ScenarioVerb.RcdAc: Board.ResidualCurrent.AcResidualMa = step.Number; break;
                case ScenarioVerb.RcdDc: Board.ResidualCurrent.DcResidualMa = step.Number; break;
                case ScenarioVerb.RcdClear: Board.ResidualCurrent.AcResidualMa = 0; Board.ResidualCurrent.DcResidualMa = 0; break;
                case ScenarioVerb.RcdSelfTestBroken: Board.ResidualCurrent.SelfTestBroken = true; break;
                case ScenarioVerb.Grid: Board.Sensors.VoltageMv = step.Number * 1000; break;
                case ScenarioVerb.Temp: Board.Sensors.EnclosureDeciC = step.Number * 10; break;
                case ScenarioVerb.TempConnector: Board.Sensors.ConnectorDeciC = step.Number * 10; break;
                case ScenarioVerb.EstopPress: Board.Sensors.Pressed = true; break;
                case ScenarioVerb.EstopRelease: Board.Sensors.Pressed = false; break;
                case ScenarioVerb.ContactorWeld: Board.Contactor.Welded = true; break;
                case ScenarioVerb.ContactorUnweld: Board.Contactor.Welded = false; break;
                case ScenarioVerb.ContactorStuck: Board.Contactor.Stuck = true; break;
                case ScenarioVerb.Authorize: Pile.Authorize(step.Text); break;
                case ScenarioVerb.Stop: Pile.RequestStop(StopReason.Local); break;
                case ScenarioVerb.RemoteStop: Pile.RequestStop(StopReason.Remote); break;
                case ScenarioVerb.Limit: Pile.SetPlatformLimitMa(step.Number * 1000); break;
                case ScenarioVerb.LinkDown: Pile.SetLinkOnline(false); break;
                case ScenarioVerb.LinkUp: Pile.SetLinkOnline(true); break;
                case ScenarioVerb.Available: Pile.SetAvailable(true); break;
                case ScenarioVerb.Unavailable: Pile.SetAvailable(false); break;
                case ScenarioVerb.ClearFaults: Pile.ClearFaults(); break;
                case ScenarioVerb.MeterOffline: Meter.Offline = true; break;
                case ScenarioVerb.MeterOnline: Meter.Offline = false; Meter.Garbage = false; Meter.SlaveError = false; break;
                case ScenarioVerb.MeterGarbage: Meter.Garbage = true; break;
                case ScenarioVerb.MeterBackwards: Meter.RunBackwards(step.Number); break;
                case ScenarioVerb.MeterSlaveError: Meter.SlaveError = true; break;
                case ScenarioVerb.Set: break; // applied to the config before the pile started: ScenarioRunner.ConfigFor
                case ScenarioVerb.End: break;
            }
            Drain();
            return null;
        }

        /// <summary>Why a step cannot apply to this pile, or null.</summary>
        public string Refusal(ScenarioStep step)
        {
            var meterVerb = step.Verb == ScenarioVerb.MeterOffline || step.Verb == ScenarioVerb.MeterOnline ||
                step.Verb == ScenarioVerb.MeterGarbage || step.Verb == ScenarioVerb.MeterBackwards || step.Verb == ScenarioVerb.MeterSlaveError;
            return meterVerb && Meter == null ? "this pile has no meter (meter.profile=none)" : null;
        }

        /// <summary>The meter measures, and the poller (the meter thread on the device) reads it when due.</summary>
        private void StepMeter()
        {
            if (Meter == null)
                return;
            var threePhase = _threePhasePile && Board.Vehicle.ThreePhase;
            Meter.Step(NowMs, Board.Sensors.VoltageMv, Board.SocketCurrentMa, threePhase);
            if (Poller.PollDue(NowMs, Pile.MeterBusy))
                Poller.Poll(NowMs);
        }

        private void Drain()
        {
            PileEvent e;
            while (Events.TryRead(out e))
                _writer.Write(e);
        }
    }
}

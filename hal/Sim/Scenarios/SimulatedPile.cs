using ChargeController.Firmware;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
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
            Pile = new Pile(config, Board.Hardware, Events, 1);
        }

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
                Pile.Tick();
                Drain();
                _nextTickMs += Pile.TickMs;
            }
        }

        /// <summary>Applies one scenario step to the board or the core, now.</summary>
        public void Apply(ScenarioStep step)
        {
            Board.Clock.AdvanceTo(step.TimeMs);
            var vehicle = Board.Vehicle;
            switch (step.Verb)
            {
                case ScenarioVerb.Plug: vehicle.Plug(step.Number); break;
                case ScenarioVerb.Unplug: vehicle.Unplug(); break;
                case ScenarioVerb.EvReady: vehicle.Ready = true; break;
                case ScenarioVerb.EvPause: vehicle.Ready = false; break;
                case ScenarioVerb.EvVentilation: vehicle.Ventilation = true; break;
                case ScenarioVerb.EvDraw: vehicle.WantedMa = step.Number * 1000; break;
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
                case ScenarioVerb.Set: break; // applied to the config before the pile started: ScenarioRunner.ConfigFor
                case ScenarioVerb.End: break;
            }
            Drain();
        }

        private void Drain()
        {
            PileEvent e;
            while (Events.TryRead(out e))
                _writer.Write(e);
        }
    }
}

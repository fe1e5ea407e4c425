using System;
using System.Threading;
using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Text;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Metering;
using ChargeController.Sim.Storage;

namespace ChargeController.NanoClr
{
    /// <summary>
    /// The safety and control loops' timing on nanoCLR (tools/NanoClr/timing.sh, docs/architecture.md): the runtime's real
    /// threads (<see cref="RuntimeThreads"/>, as on the device) around the simulated board, with the storage and the meter
    /// threads both doing 20-100 ms of interpreted work per operation (each flash write, each event handed downstream,
    /// each Modbus transaction; the meter polls every 200 ms) and the control thread parsing a 1.9 KB platform command
    /// every 200 ms (<see cref="CommandLoad"/>). A vehicle charges and is cut off by an e-stop, an unplug, a
    /// CP short, an AC residual current and CC lost alone, each <c>rounds</c> times at a random moment; each opening is timed from the
    /// board change to the coil command, whichever loop opened it. The load keeps the event ring congested (the storage
    /// thread is slower than the events come), and a congested ring rightly starts no session: before each case the
    /// command load pauses until the ring has drained and the vehicle charges, then runs again for the cut. Prints each
    /// opening and each case that failed (and why), the longest gap between two passes of the safety loop and between two
    /// control ticks, and how many exceeded 30 ms. With <c>loaded</c> false the same run without the busy work and the
    /// commands, for comparison.
    /// </summary>
    public static class ThreadTiming
    {
        private static readonly string[] Cuts = { "estop", "unplug", "cp short", "rcd ac", "cc open" };

        private static readonly string[] Settings =
        {
            "meter.lossPolicy=continue", "meter.pollChargingMs=200", "meter.pollIdleMs=1000", "fault.rcd.retries=-1",
            "fault.rcd.retryDelayS=0", "fault.pilot.retries=-1", "fault.pilot.retryDelayS=1",
        };

        private static SimVehicle _vehicle;
        private static SimPilotLine _pilot;
        private static SimResidualCurrentDevice _rcd;
        private static SimSensors _sensors;
        private static readonly object World = new object();
        private static int _running = 1;
        /// <summary>The last case's opening, from the cut to the coil, or -1 when it did not open (or did not charge).</summary>
        private static int _openingMs;

        /// <summary>How long a case waits for the storage thread to empty the event ring before it plugs in.</summary>
        private const int DrainMs = 60000;

        public static void Run(int rounds, bool loaded)
        {
            var clock = new RunClock();
            clock.Loaded = loaded;
            _vehicle = new SimVehicle();
            _pilot = new SimPilotLine(_vehicle);
            _rcd = new SimResidualCurrentDevice();
            _sensors = new SimSensors(_vehicle);
            var coil = new SimContactor();
            var contactor = new TimedCoil(coil, clock);
            var gaps = new TickGaps(_sensors, clock);
            var plugLock = new SimConnectorLock();
            var hardware = new PileHardware(clock, _pilot, gaps, contactor, _rcd, _sensors, _sensors, _sensors, new SimIndicator(), plugLock);
            var config = new PileConfig();
            foreach (var setting in Settings)
                if (config.SetAssignment(setting) != null)
                    throw new Exception("setting " + setting);
            var meter = new SimMeter(MeterSetup.ProfileFrom(config), (byte)config.Get(ConfigKeys.MeterAddress));
            var outputs = new CountedOutputs();
            var consumer = new BusyConsumer(clock, 17);
            var runtime = new PileRuntime(config, hardware, new BusyFlash(new SimFileStore(), clock, 11),
                new BusyModbus(new SimModbusBus(meter), World, clock, 13), outputs, consumer);
            runtime.Boot();
            var threads = new RuntimeThreads(runtime, clock);
            var physics = new Thread(() =>
            {
                while (Interlocked.CompareExchange(ref _running, 0, 0) != 0)
                {
                    lock (World)
                    {
                        var nowMs = clock.NowMs;
                        _vehicle.Step(nowMs, _pilot.Mode, _pilot.DutyPermille, coil.FeedbackClosed);
                        plugLock.Step(nowMs);
                        meter.Step(nowMs, _sensors.VoltageMv, coil.FeedbackClosed ? _vehicle.DrawMa : 0, false);
                    }
                    Thread.Sleep(5);
                }
            });
            var commands = new CommandLoad(runtime, clock);
            var platform = new Thread(() =>
            {
                while (loaded && Interlocked.CompareExchange(ref _running, 0, 0) != 0)
                {
                    commands.Step();
                    Thread.Sleep(CommandLoad.PeriodMs);
                }
            });
            physics.Start();
            platform.Start();
            threads.Start();
            Thread.Sleep(2000);
            gaps.Reset();
            var random = new Random(19);
            var worstMs = 0;
            var failed = "";
            for (var round = 0; round < rounds; round++)
                foreach (var cut in Cuts)
                {
                    var failure = Case(cut, runtime, contactor, commands, clock, random);
                    if (failure != null)
                    {
                        Console.WriteLine("case " + cut + " FAILED: " + failure);
                        failed += (failed.Length == 0 ? "" : ", ") + cut;
                    }
                    if (_openingMs > worstMs)
                        worstMs = _openingMs;
                }
            threads.Stop();
            Interlocked.Exchange(ref _running, 0);
            physics.Join();
            platform.Join();
            Console.WriteLine("worst opening: " + worstMs.ToString() + " ms; opened by the safety loop first: " +
                consumer.SafetyLoopOpenings.ToString() + "; commands posted: " + commands.Posted.ToString());
            Console.WriteLine("control ticks: " + gaps.Control.Passes.ToString() + " in " + clock.NowMs.ToString() + " ms; longest control gap: " +
                gaps.Control.LongestMs.ToString() + " ms; control gaps over 30 ms: " + gaps.Control.Over30.ToString());
            Console.WriteLine("safety passes: " + gaps.Safety.Passes.ToString() + "; longest gap: " +
                gaps.Safety.LongestMs.ToString() + " ms; gaps over 30 ms: " + gaps.Safety.Over30.ToString());
            Console.WriteLine("watchdog reboots: " + outputs.Reboots.ToString() + "; failed cases: " + (failed.Length == 0 ? "none" : failed));
            Console.WriteLine("=== done");
        }

        /// <summary>
        /// One case: the event ring drained first (the command load paused, so the storage thread can catch up and the pile
        /// accepts a session: a congested ring starts none), a vehicle charging, then the command load again and, at a
        /// random moment while the storage and meter threads are busy, the cut, timed to the coil's opening; the vehicle
        /// unplugged and the pile available again. Null when the opening came within 100 ms, else what went wrong.
        /// </summary>
        private static string Case(string cut, PileRuntime runtime, TimedCoil contactor, CommandLoad commands, RunClock clock, Random random)
        {
            _openingMs = -1;
            commands.Paused = true;
            var events = runtime.Events;
            var untilMs = clock.NowMs + DrainMs;
            while (events.Count > 0 && clock.NowMs < untilMs)
                Thread.Sleep(20);
            lock (World)
            {
                _vehicle.Plug(32);
                _vehicle.Ready = true;
            }
            var failure = WaitFor(contactor, true, 20000) ? null
                : "the vehicle did not get to charge within 20 s (" + Diagnosis(runtime) + ")";
            commands.Paused = false;
            if (failure == null)
            {
                Thread.Sleep(300 + random.Next(1200)); // the meter and storage are busy at a random point
                var injectedMs = (int)clock.NowMs;
                Inject(cut, true);
                var opened = WaitFor(contactor, false, 3000);
                var openedMs = contactor.OpenedAtMs - injectedMs;
                _openingMs = opened ? openedMs : -1;
                Console.WriteLine("opening " + cut + ": " + (opened ? openedMs.ToString() + " ms" : "NOT within 3 s"));
                failure = !opened ? "not opened within 3 s" : openedMs > 100 ? "opened after " + openedMs.ToString() + " ms (at most 100)" : null;
                Inject(cut, false);
            }
            lock (World)
                _vehicle.Unplug();
            untilMs = clock.NowMs + 10000;
            while (runtime.Pile.Status != ConnectorStatus.Available && clock.NowMs < untilMs)
                Thread.Sleep(20);
            Thread.Sleep(300);
            return failure;
        }

        /// <summary>What the pile shows when a vehicle does not get to charge (read across threads: a diagnosis, not a measurement).</summary>
        private static string Diagnosis(PileRuntime runtime)
        {
            var pile = runtime.Pile;
            var events = runtime.Events;
            return "status " + Names.Of(pile.Status) + ", error " + Names.Of(pile.Error) + ", pilot " + Names.Of(pile.PilotState) + " " +
                Names.Of(pile.PilotMode) + " " + pile.DutyPermille.ToString() + " permille, S2 " + (_vehicle.S2Closed ? "closed" : "open") +
                ", authorized " + (pile.Authorized ? "yes" : "no") + ", self-test " + (pile.SelfTestPassed ? "passed" : "not passed") +
                ", lock " + (pile.LockLocked ? "locked" : "not locked") + ", safety loop " + (runtime.Interlock.OpenedBySafetyLoop ?
                "tripped (" + Names.Of(runtime.Interlock.Cause) + ")" : "not tripped") + ", ring " + events.Count.ToString() + " of " +
                events.Capacity.ToString() + (events.Congested ? " congested" : "");
        }

        private static void Inject(string cut, bool on)
        {
            if (cut == "estop")
                _sensors.Pressed = on;
            else if (cut == "cp short")
                _pilot.Shorted = on;
            else if (cut == "rcd ac")
                _rcd.AcResidualMa = on ? 30 : 0;
            else if (cut == "cc open")
                _sensors.CcOpen = on;
            else if (on)
                lock (World)
                    _vehicle.Unplug();
        }

        private static bool WaitFor(TimedCoil contactor, bool closed, int timeoutMs)
        {
            for (var waitedMs = 0; waitedMs < timeoutMs; waitedMs += 2)
            {
                if (contactor.Closed == closed)
                    return true;
                Thread.Sleep(2);
            }
            return false;
        }
    }
}

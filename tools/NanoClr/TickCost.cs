using System;
using ChargeController.Firmware;
using ChargeController.Sim.Scenarios;

namespace ChargeController.NanoClr
{
    /// <summary>
    /// What simulated control periods cost on nanoCLR (tools/NanoClr/ticks.sh): the board and vehicle, the meter poll, the
    /// control, console, storage, supervisor and network work, as `PileSim run` steps them. A pile is started and warmed
    /// up idle or charging, then runs the given number of ticks; ticks.sh subtracts a run of none, in CPU time.
    /// Debugger.Break() marks where the measured ticks begin and end (for a profiling interpreter).
    /// </summary>
    public static class TickCost
    {
        public const int WarmUpTicks = 1000;

        public static void Idle(int ticks) => Run(ticks, false);

        public static void Charging(int ticks) => Run(ticks, true);

        private static void Run(int ticks, bool charging)
        {
            var pile = new SimulatedPile(ScenarioRunner.ConfigFor(new ScenarioStep[0]), new DroppingWriter());
            pile.Start();
            if (charging)
                FirmwareHeap.Apply(pile, "0s plug 32A\n1s ev ready\n");
            pile.AdvanceTo(pile.NowMs + WarmUpTicks * (long)Pile.TickMs);
            System.Diagnostics.Debugger.Break();
            pile.AdvanceTo(pile.NowMs + ticks * (long)Pile.TickMs);
            System.Diagnostics.Debugger.Break();
            Console.WriteLine("ticks: " + ticks.ToString() + ", contactor " + (pile.Pile.ContactorClosed ? "closed" : "open"));
            Console.WriteLine("=== done");
        }
    }
}

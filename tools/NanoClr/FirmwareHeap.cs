using System;
using System.Collections;
using System.Diagnostics;
using System.Reflection;
using ChargeController.Firmware;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Supervision;
using ChargeController.Sim.Memory;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Storage;
using ChargeController.Sim.Trace;

namespace ChargeController.NanoClr
{
    /// <summary>
    /// The firmware's live heap on nanoCLR, with the simulated world and flash told apart (tools/NanoClr/heap.sh runs it on
    /// the kit's 32-bit interpreter and does the sums). Every "=== point NAME" line is followed by a collection
    /// (Debugger.Break on the kit's build prints "GC: ... N bytes used" and a table by data type). The world is what the
    /// simulator builds inside its <see cref="RunPart.World"/> section (board, meter, broker, console port); the events go
    /// to a writer that keeps nothing; the flash is the byte arrays behind the simulated files, whose size on the heap this prints itself.
    /// </summary>
    public static class FirmwareHeap
    {
        public const int Ticks = 10000;

        /// <summary>A pile started on an empty flash, then idle, then charging.</summary>
        public static void Ticking()
        {
            var pile = Build(new WorldProbe());
            pile.Start();
            Point("started", pile.Store);
            pile.AdvanceTo(pile.NowMs + Ticks * (long)Pile.TickMs);
            Point("idle", pile.Store);
            Apply(pile, "0s plug 32A\n1s ev ready\n");
            pile.AdvanceTo(pile.NowMs + Ticks * (long)Pile.TickMs);
            Point("charging", pile.Store);
            Console.WriteLine("=== done");
        }

        /// <summary>A pile that boots over a journal as long as the flash partition lets it grow (written by the firmware's own journal).</summary>
        public static void FullJournal()
        {
            var probe = new WorldProbe();
            var pile = Build(probe);
            Console.WriteLine("journal: " + FillJournal(pile.Store).ToString() + " bytes");
            Point("filled", pile.Store);
            probe.Store = pile.Store; // a point at every flash read and allocation of the boot
            pile.Start();
            probe.Store = null;
            Point("booted", pile.Store);
            pile.AdvanceTo(pile.NowMs + 1000 * (long)Pile.TickMs);
            Point("settled", pile.Store);
            Console.WriteLine("=== done");
        }

        /// <summary>The "loaded" point, an events' writer ("writer": the world so far), then a pile built on the probe, not started.</summary>
        private static SimulatedPile Build(WorldProbe probe)
        {
            Point("loaded", null);
            var writer = new DroppingWriter();
            Point("writer", null);
            return new SimulatedPile(ScenarioRunner.ConfigFor(new ScenarioStep[0]), writer, probe);
        }

        /// <summary>Applies a scenario's steps to a running pile, from now on.</summary>
        internal static void Apply(SimulatedPile pile, string scenario)
        {
            var t0 = pile.NowMs;
            foreach (ScenarioStep step in ScenarioParser.Parse(scenario).Steps)
            {
                pile.AdvanceTo(t0 + step.TimeMs - 1);
                var refusal = pile.Apply(step);
                if (refusal != null)
                    Console.WriteLine("!!! " + refusal);
            }
        }

        /// <summary>Closed, delivered sessions of earlier boots until the journal takes no more; returns its length.</summary>
        private static int FillJournal(SimFileStore store)
        {
            var journal = new Journal(store, int.MaxValue, BootSequence.JournalKeepClosedSessions);
            journal.Open();
            for (var boot = 1; ; boot++)
            {
                journal.StartBoot(boot);
                if (!journal.AppendBoot(boot, 0))
                    return journal.Length;
                for (var n = 1; n <= 1000; n++)
                {
                    var id = boot.ToString() + "-" + n.ToString();
                    if (!journal.AppendSessionOpen(id, "A", 1790000000 + n, n * 1000L, 0) ||
                        !journal.AppendCheckpoint(id, n * 1000L + 100, 60) ||
                        !journal.AppendSessionClose(id, 3, n * 1000L + 500, 0, 1790003600 + n))
                        return journal.Length;
                }
                journal.Acknowledge(journal.LastSequence);
                journal.SaveOutboxCursor();
            }
        }

        internal static void Point(string name, SimFileStore store)
        {
            Console.WriteLine("=== point " + name);
            if (store != null)
                Console.WriteLine("flash: " + FlashHeapBytes(store).ToString());
            Debugger.Break();
        }

        /// <summary>
        /// The heap the simulated files' byte arrays take on the 32-bit nanoCLR: an array is a 20-byte header and its
        /// elements, in 12-byte heap blocks (heap.sh checks the formula against a measured array).
        /// </summary>
        private static int FlashHeapBytes(SimFileStore store)
        {
            var files = (ArrayList)typeof(SimFileStore).GetField("_files", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(store);
            var total = 0;
            foreach (var file in files)
                total += ArrayHeapBytes(((byte[])file.GetType().GetField("Data").GetValue(file)).Length);
            return total;
        }

        internal static int ArrayHeapBytes(int length) => (20 + length + 11) / 12 * 12;

        /// <summary>Checks <see cref="ArrayHeapBytes"/>: the byte arrays on the heap before and after one of 64 KB.</summary>
        public static void Calibrate()
        {
            Point("before", null);
            var array = new byte[65536];
            Console.WriteLine("array: " + ArrayHeapBytes(array.Length).ToString());
            Point("after", null);
            Console.WriteLine(array.Length == 0 ? "" : "=== done");
        }
    }

    /// <summary>A collection before and after each section where the simulator builds its world, and at each flash read and allocation while <see cref="Store"/> is set.</summary>
    public sealed class WorldProbe : IMemoryProbe
    {
        public SimFileStore Store { get; set; }

        public void Begin(RunPart part)
        {
            if (part == RunPart.World)
                FirmwareHeap.Point("world-begin", null);
            else if ((part == RunPart.Flash || part == RunPart.FlashRead) && Store != null)
                FirmwareHeap.Point("sample", Store);
        }

        public void End(RunPart part)
        {
            if (part == RunPart.World)
                FirmwareHeap.Point("world-end", null);
        }
    }

    /// <summary>
    /// The events' consumer that keeps nothing: a trace writer grows its line buffer with the longest line it has written,
    /// which is the tool's memory, not the pile's.
    /// </summary>
    public sealed class DroppingWriter : IEventWriter
    {
        public void Write(PileEvent e)
        {
        }
    }
}

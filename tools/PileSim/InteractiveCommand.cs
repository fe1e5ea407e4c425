using System.Collections.Concurrent;
using System.Diagnostics;
using ChargeController.Firmware.Config;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;

namespace ChargeController.PileSim;

/// <summary>
/// The interactive simulated pile: the core ticks every 10 ms of real time; lines typed on stdin are scenario verbs
/// without a time and happen at once; events print as they happen. The default pile: 32 A, single phase, 220 V, free.
/// </summary>
public static class InteractiveCommand
{
    public static int Run(PileConfig config)
    {
        var output = new WriterSink(Console.Out);
        var pile = new SimulatedPile(config, new ReadableTraceWriter(output));
        var typed = new BlockingCollection<string?>(boundedCapacity: 64);
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = Console.ReadLine()) != null)
                typed.Add(line);
            typed.Add(null);
        }) { IsBackground = true, Name = "stdin" };

        Console.WriteLine($"ChargeController simulated pile: {config.Get(ConfigKeys.RatedCurrentA)} A, single phase, " +
            $"{ConfigKeys.AuthMode.Format(config.Get(ConfigKeys.AuthMode))} authorisation. Type 'help'.");
        pile.Start();
        reader.Start();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            pile.AdvanceTo(clock.ElapsedMilliseconds);
            if (!typed.TryTake(out var line, 10))
                continue;
            if (line == null || line.Trim() is "quit" or "exit" or "end")
                return 0;
            if (line.Trim() == "help")
            {
                PrintHelp();
                continue;
            }
            if (line.Trim().Length == 0)
                continue;
            var step = ScenarioParser.ParseCommand(line, clock.ElapsedMilliseconds, out var error);
            var refusal = step == null ? error + " (type 'help')" : pile.Apply(step);
            if (refusal != null)
                Console.WriteLine($"  ? {refusal}");
        }
    }

    private static void PrintHelp()
    {
        Console.WriteLine("Verbs (as in scenario files, without the time):");
        foreach (var verb in VerbSyntax.All.Where(v => v.Verb is not (ScenarioVerb.Set or ScenarioVerb.End)))
        {
            var argument = verb.Argument switch
            {
                "" => "",
                VerbSyntax.TextArgument => " <idTag>",
                _ => verb.ArgumentOptional ? $" [<n>{verb.Unit}]" : $" <n>{verb.Unit}",
            };
            Console.WriteLine($"  {verb.Words + argument,-26} {verb.Meaning}");
        }
        Console.WriteLine("  quit                       leave (settings: start again with --set key=value)");
    }
}

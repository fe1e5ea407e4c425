using System.Collections.Concurrent;
using System.Diagnostics;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using ChargeController.Tools;

namespace ChargeController.PileSim;

/// <summary>
/// The interactive simulated pile: the core ticks every 10 ms of real time; lines typed on stdin are scenario verbs
/// without a time and happen at once; events print as they happen. The default pile: 32 A, single phase, 220 V, free.
/// Its link goes to the broker named by --broker, else to a broker PileSim embeds, which mosquitto_sub can watch.
/// </summary>
internal static class InteractiveCommand
{
    public static readonly CommandOption[] Options = new[] { CommandOption.Set }.Concat(CommandOption.BrokerOptions).ToArray();

    public static int Run(CommandLine cli, string[] args)
    {
        var chosen = new ChosenOptions();
        var problem = CommandOption.Parse(args, 0, Options, chosen);
        var config = new PileConfig();
        foreach (var setting in chosen.Settings)
            problem ??= config.SetAssignment(setting);
        var settings = problem == null ? BrokerSettings.From(chosen, embeddedWhenAbsent: true, out problem) : null;
        if (problem != null)
            return cli.Usage(problem);
        using var broker = BrokerSession.Open(settings!, out var failure);
        if (broker == null)
            return cli.Fail(failure!);

        var trace = new ReadableTraceWriter(new WriterSink(Console.Out));
        var pile = new SimulatedPile(config, trace, null, broker.Link, broker.Link, broker.LinkSettings);
        var typed = new BlockingCollection<string?>(boundedCapacity: 64);
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = Console.ReadLine()) != null)
                typed.Add(TypedLine.Clean(line));
            typed.Add(null);
        }) { IsBackground = true, Name = "stdin" };

        Console.WriteLine($"ChargeController simulated pile: {config.Get(ConfigKeys.RatedCurrentA)} A, " +
            $"{(MeterSetup.Phases(config) == 3 ? "three phase" : "single phase")}, " +
            $"{ConfigKeys.AuthMode.Format(config.Get(ConfigKeys.AuthMode))} authorisation. Type 'help'.");
        PrintBroker(broker);
        pile.Start();
        reader.Start();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            pile.AdvanceTo(clock.ElapsedMilliseconds);
            if (!typed.TryTake(out var line, 10))
                continue;
            if (line == null || line.Trim() is "quit" or "exit" or "end")
                return CommandLine.Ok;
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
            else if (step!.Verb == ScenarioVerb.PowerCut)
                trace.Note(step.TimeMs, "power", "cut: the outputs drop, the firmware stops ('power restore' boots it)");
        }
    }

    private static void PrintBroker(BrokerSession broker)
    {
        var pile = broker.Settings.PileId;
        if (broker.Embedded is { } embedded)
        {
            Console.WriteLine($"Pile {pile} on an embedded MQTT broker at {EmbeddedBroker.Host}:{embedded.Port} (no TLS, no passwords). Watch it:");
            Console.WriteLine("  " + embedded.WatchCommand(pile, broker.Topics.Root));
            Console.WriteLine("Send it a command:");
            Console.WriteLine("  " + embedded.CommandCommand(pile, broker.Topics.Commands));
        }
        else
        {
            var settings = broker.Settings;
            Console.WriteLine($"Pile {pile} on the MQTT broker at {settings.Host}:{settings.Port}" +
                $"{(settings.TlsCaPath != null ? " over TLS" : "")}{(settings.User != null ? " as " + settings.User : "")}; topics under {broker.Topics.Root}/.");
        }
        Console.WriteLine("'link down' cuts the pile's connection (the broker publishes its will), 'link up' restores it.");
    }

    private static void PrintHelp()
    {
        Console.WriteLine("Verbs (as in scenario files, without the time):");
        foreach (var verb in VerbSyntax.All.Where(v => v.Verb is not (ScenarioVerb.Set or ScenarioVerb.End)))
        {
            var argument = verb.Argument switch
            {
                "" => "",
                VerbSyntax.TextArgument => verb.Verb == ScenarioVerb.ConfigChange ? " key=value" : " <idTag>",
                _ => verb.ArgumentOptional ? $" [<n>{verb.Unit}]" : $" <n>{verb.Unit}",
            };
            Console.WriteLine($"  {verb.Words + argument,-26} {verb.Meaning}");
        }
        Console.WriteLine("  quit                       leave (settings: start again with --set key=value)");
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Console;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Metering;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Hal;
using ChargeController.Sim.Trace;
using ChargeController.Tools;

namespace ChargeController.PileSim;

/// <summary>
/// The interactive simulated pile: the core ticks every 10 ms of real time; lines typed on stdin are scenario verbs
/// without a time and happen at once; other lines go to the technician console as <see cref="TypedRoute"/> decides;
/// events and console output print as they happen. With --console-pty the console is also on a pseudo-terminal a
/// terminal program can open. The default pile: 32 A, single phase, 220 V, free.
/// Its link goes to the broker named by --broker, else to a broker PileSim embeds, which mosquitto_sub can watch.
/// </summary>
internal static class InteractiveCommand
{
    public static readonly CommandOption[] Options = new[] { CommandOption.Set, CommandOption.ConsolePty }.Concat(CommandOption.BrokerOptions).ToArray();

    /// <summary>How long the pile runs on after the last line, so what was typed last is answered.</summary>
    private const int FinalMs = 200;

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
        using var pty = chosen.ConsolePty ? new PseudoTerminal() : null;
        var fromPty = new byte[256];
        if (pty != null)
            pile.ConsolePort.Terminal = new PtyTerminal(pty);
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
        if (pty != null)
            Console.WriteLine($"console on {pty.DevicePath} (115200 8N1; any baud rate works on a pseudo-terminal)");
        pile.Start();
        reader.Start();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            pile.AdvanceTo(clock.ElapsedMilliseconds);
            if (pty != null)
            {
                var count = pty.Read(fromPty, 0, fromPty.Length, 0);
                if (count > 0 && !pile.ConsolePort.Type(fromPty, 0, count))
                    Console.WriteLine("  ? console: typed faster than the pile reads; the bytes were dropped");
            }
            if (!typed.TryTake(out var line, 10))
                continue;
            if (line == null || line.Trim() is "quit" or "exit" or "end")
            {
                // A planned disconnect: the pile leaves the broker with its retained status saying offline (the broker
                // would publish no will for a clean disconnect); the console's last reply, if one is due, goes out meanwhile.
                pile.Runtime.LeaveLink();
                var leaveByMs = clock.ElapsedMilliseconds + LinkSupervisor.LeaveWaitMs + FinalMs;
                while (!pile.Runtime.LinkLeft && clock.ElapsedMilliseconds < leaveByMs)
                {
                    pile.AdvanceTo(clock.ElapsedMilliseconds);
                    Thread.Sleep(5);
                }
                pile.AdvanceTo(clock.ElapsedMilliseconds + FinalMs);
                return CommandLine.Ok;
            }
            if (line.Trim() == "help")
            {
                PrintHelp();
                continue;
            }
            if (line.Trim().Length == 0)
                continue;
            var step = TypedRoute.Step(line, clock.ElapsedMilliseconds, out var refusal);
            refusal ??= pile.Apply(step!);
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

    /// <summary>The console's output to the pseudo-terminal.</summary>
    private sealed class PtyTerminal(PseudoTerminal pty) : IByteStream
    {
        public int Read(byte[] into, int offset, int count) => 0;

        public void Write(byte[] data, int offset, int count) => pty.Write(data, offset, count);
    }

    private static void PrintHelp()
    {
        Console.WriteLine("Verbs (as in scenario files, without the time):");
        foreach (var verb in VerbSyntax.All.Where(v => v.Verb is not (ScenarioVerb.Set or ScenarioVerb.End)))
            Console.WriteLine($"  {TypedRoute.Usage(verb),-26} {verb.Meaning}");
        Console.WriteLine("  quit                       leave (settings: start again with --set key=value)");
        Console.WriteLine("A line that starts with no verb's word goes to the technician console ('console help' lists its commands);");
        Console.WriteLine("'console <line>' types any line there, one that starts like a verb too ('console limit 10').");
    }
}

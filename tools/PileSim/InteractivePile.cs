using ChargeController.Firmware.Config;
using ChargeController.Runtime.Console;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using ChargeController.Tools;

namespace ChargeController.PileSim;

/// <summary>
/// The interactive simulated pile once its command line is read (<see cref="InteractiveCommand"/>): the banner, then
/// the core ticks up to the keyboard's time before each typed line; a line is a verb that happens at once, `help`, `quit`,
/// or a line for the technician console as <see cref="TypedRoute"/> decides; events and console output print as they
/// happen. With a pseudo-terminal the console is also there for a terminal program.
/// </summary>
public static class InteractivePile
{
    /// <summary>How long the pile runs on after the last line, so what was typed last is answered.</summary>
    public const int FinalMs = 200;

    /// <param name="keyboard">made once the pile has started (its time counts from then)</param>
    /// <param name="state">--state: the folder that keeps the flash between runs (<see cref="PileState"/>), or null</param>
    /// <returns>null, or why the run failed (the state could not be read or written)</returns>
    public static string? Run(PileConfig config, BrokerSession broker, Func<IKeyboard> keyboard, TextWriter output, string? state = null) =>
        Run(config, broker, null, keyboard, output, state);

    /// <param name="pty">the console's pseudo-terminal (--console-pty), or null</param>
    internal static string? Run(PileConfig config, BrokerSession broker, PseudoTerminal? pty, Func<IKeyboard> keyboard, TextWriter output, string? state)
    {
        var trace = new ReadableTraceWriter(new WriterSink(output));
        var pile = new SimulatedPile(config, trace, null, broker.Link, broker.Link, broker.LinkSettings);
        if (state != null && PileState.Load(state, pile) is { } problem)
            return problem;
        var fromPty = new byte[256];
        if (pty != null)
            pile.ConsolePort.Terminal = new PtyTerminal(pty);
        output.WriteLine($"ChargeController simulated pile: {config.Get(ConfigKeys.RatedCurrentA)} A, " +
            $"{(MeterSetup.Phases(config) == 3 ? "three phase" : "single phase")}, " +
            $"{ConfigKeys.AuthMode.Format(config.Get(ConfigKeys.AuthMode))} authorisation. Type 'help'.");
        PrintBroker(broker, output);
        if (pty != null)
            output.WriteLine($"console on {pty.DevicePath} (115200 8N1; any baud rate works on a pseudo-terminal)");
        if (state != null)
            output.WriteLine($"The pile's flash and meter are kept in {state} ('quit' writes it; the next run boots from it).");
        pile.Start();
        var typing = keyboard();
        while (true)
        {
            pile.AdvanceTo(typing.NowMs);
            if (pty != null)
            {
                var count = pty.Read(fromPty, 0, fromPty.Length, 0);
                if (count > 0 && !pile.ConsolePort.Type(fromPty, 0, count))
                    output.WriteLine("  ? console: typed faster than the pile reads; the bytes were dropped");
            }
            if (!typing.TryTake(out var typed))
                continue;
            var line = typed == null ? null : TypedLine.Clean(typed);
            if (line == null || line.Trim() is "quit" or "exit" or "end")
            {
                // A planned disconnect: the pile leaves the broker with its retained status saying offline (the broker
                // publishes no will for a clean disconnect); the console's last reply, if one is due, goes out meanwhile.
                pile.Runtime.LeaveLink();
                var leaveByMs = typing.NowMs + LinkSupervisor.LeaveWaitMs + FinalMs;
                while (!pile.Runtime.LinkLeft && typing.NowMs < leaveByMs)
                {
                    pile.AdvanceTo(typing.NowMs);
                    typing.TryTake(out _); // the keyboard's wait lets time move on; what is typed after quit is ignored
                }
                pile.AdvanceTo(typing.NowMs + FinalMs);
                return state == null ? null : PileState.Save(state, pile);
            }
            if (line.Trim() == "help")
            {
                PrintHelp(output);
                continue;
            }
            if (line.Trim().Length == 0)
                continue;
            var step = TypedRoute.Step(line, typing.NowMs, out var refusal);
            refusal ??= pile.Apply(step!);
            if (refusal != null)
                output.WriteLine($"  ? {refusal}");
            else if (step!.Verb == ScenarioVerb.PowerCut)
                trace.Note(step.TimeMs, "power", "cut: the outputs drop, the firmware stops ('power restore' boots it)");
        }
    }

    private static void PrintBroker(BrokerSession broker, TextWriter output)
    {
        var pile = broker.Settings.PileId;
        if (broker.Embedded is { } embedded)
        {
            output.WriteLine($"Pile {pile} on an embedded MQTT broker at {EmbeddedBroker.Host}:{embedded.Port} (no TLS, no passwords). Watch it:");
            output.WriteLine("  " + embedded.WatchCommand(pile, broker.Topics.Root));
            output.WriteLine("Send it a command:");
            output.WriteLine("  " + embedded.CommandCommand(pile, broker.Topics.Commands));
        }
        else
        {
            var settings = broker.Settings;
            output.WriteLine($"Pile {pile} on the MQTT broker{(settings.Brokers.Count > 1 ? "s" : "")} at {settings.Addresses}" +
                $"{(settings.TlsCaPath != null ? " over TLS" : "")}{(settings.User != null ? " as " + settings.User : "")}; topics under {broker.Topics.Root}/.");
        }
        output.WriteLine("'link down' cuts the pile's connection (the broker publishes its will), 'link up' restores it.");
    }

    /// <summary>The console's output to the pseudo-terminal.</summary>
    private sealed class PtyTerminal(PseudoTerminal pty) : IByteStream
    {
        public int Read(byte[] into, int offset, int count) => 0;

        public void Write(byte[] data, int offset, int count) => pty.Write(data, offset, count);
    }

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("Verbs (as in scenario files, without the time):");
        foreach (var verb in VerbSyntax.All.Where(v => v.Verb is not (ScenarioVerb.Set or ScenarioVerb.End)))
            output.WriteLine($"  {TypedRoute.Usage(verb),-26} {verb.Meaning}");
        output.WriteLine("  quit                       leave (settings: start again with --set key=value)");
        output.WriteLine("A line that starts with no verb's word goes to the technician console ('console help' lists its commands);");
        output.WriteLine("'console <line>' types any line there, one that starts like a verb too ('console limit 10').");
    }
}

using ChargeController.PileSim.Broker;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using ChargeController.Tools;

namespace ChargeController.PileSim;

/// <summary>
/// `PileSim run &lt;scenario-file&gt; [--trace &lt;file&gt;] [--plot &lt;file.png&gt;] [--set key=value ...] [--memory]
/// [--state &lt;folder&gt;] [--broker host:port ...]`: a scenario on virtual time, on the simulated broker or a real one,
/// on an empty flash or the one a previous run left in --state; with --plot, its timeline as a picture.
/// </summary>
internal static class ScenarioCommand
{
    public static readonly CommandOption[] Options =
        new[] { CommandOption.Trace, CommandOption.Plot, CommandOption.Set, CommandOption.Memory, CommandOption.State }.Concat(CommandOption.BrokerOptions).ToArray();

    public static int Run(CommandLine cli, string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--"))
            return cli.Usage("run needs a scenario file");
        var scenarioPath = args[1];
        var chosen = new ChosenOptions();
        var problem = CommandOption.Parse(args, 2, Options, chosen);
        var broker = problem == null ? BrokerSettings.From(chosen, embeddedWhenAbsent: false, out problem) : null;
        if (problem == null && broker != null && chosen.Memory)
            problem = "--memory measures the simulated pile alone: leave out --broker";
        if (problem == null && chosen.PlotPath != null && chosen.Memory)
            problem = "--memory measures the simulated pile alone: leave out --plot";
        if (problem == null && chosen.StatePath != null && chosen.Memory)
            problem = "--memory measures a pile on an empty flash: leave out --state";
        if (problem != null)
            return cli.Usage(problem);
        var scenario = ScenarioFile.Read(scenarioPath, out problem);
        if (scenario == null)
            return cli.Fail(problem!);
        if (chosen.TracePath != null && TraceFile.Problem(chosen.TracePath) is { } traceProblem)
            return cli.Fail(traceProblem);

        var parse = ScenarioParser.Parse(scenario);
        if (!parse.Succeeded)
            return cli.Fail($"{scenarioPath}: {parse.Error}");
        // the command line wins over the scenario's own settings
        var config = ScenarioRunner.ConfigFor(parse.Steps);
        foreach (var setting in chosen.Settings)
        {
            var error = config.SetAssignment(setting);
            if (error != null)
                return cli.Usage(error);
        }
        string? failure = null;
        using var session = broker == null ? null : BrokerSession.Open(broker, out failure);
        if (failure != null)
            return cli.Fail(failure);
        using var trace = chosen.TracePath == null ? Console.Out : new StringWriter();
        var progress = TerminalProgress.For(parse.Steps.Length, chosen.TracePath != null);
        var timeline = chosen.PlotPath == null ? null : new Timeline(new WriterSink(trace));
        IEventWriter writer = new JsonTraceWriter(timeline ?? (ITraceSink)new WriterSink(trace));
        var memory = chosen.Memory ? new MemoryMeter() : null;
        string? refusal;
        if (memory != null)
            refusal = ScenarioRunner.Run(parse.Steps, config, memory.LeavingOut(writer), memory, progress);
        else
        {
            var pile = session == null ? new SimulatedPile(config, writer)
                : new SimulatedPile(config, writer, null, session.Link, session.Link, session.LinkSettings);
            if (session == null)
                PackageDesk.Attach(pile, scenarioPath);
            if (chosen.StatePath != null && PileState.Load(chosen.StatePath, pile) is { } stateProblem)
                return cli.Fail(stateProblem);
            refusal = ScenarioRunner.Run(pile, parse.Steps, progress, timeline);
            if (refusal == null && session != null)
            {
                var recordsLeft = OutboxDrain.Wait(pile, new PileOutbox(pile));
                OutboxDrain.Leave(pile);
                trace.WriteLine(OutboxDrain.EndLine(pile.NowMs, recordsLeft));
            }
            if (refusal == null && chosen.StatePath != null && PileState.Save(chosen.StatePath, pile) is { } saveProblem)
                return cli.Fail(saveProblem);
        }
        progress?.Finish();
        if (refusal != null)
            return cli.Fail($"{scenarioPath}: {refusal}");
        if (chosen.TracePath != null)
        {
            try
            {
                File.WriteAllText(chosen.TracePath, trace.ToString());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return cli.Fail($"cannot write the trace to {chosen.TracePath}: {e.Message}");
            }
        }
        if (timeline != null)
        {
            try
            {
                timeline.Save(chosen.PlotPath!, $"{Path.GetFileName(scenarioPath)}: pile {session?.Settings.PileId ?? SimulatedPile.DefaultLink.PileId}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return cli.Fail($"cannot write the plot to {chosen.PlotPath}: {e.Message}");
            }
        }
        if (memory != null)
            Console.Error.WriteLine(memory.Json);
        return CommandLine.Ok;
    }
}

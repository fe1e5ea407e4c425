using ChargeController.Firmware.Config;
using ChargeController.PileSim.Broker;
using ChargeController.Tools;

namespace ChargeController.PileSim;

/// <summary>
/// `PileSim [--set key=value ...] [--console-pty] [--state &lt;folder&gt;] [&lt;broker&gt;]`: the interactive simulated pile (<see cref="InteractivePile"/>)
/// in real time, typed at on standard input. The default pile: 32 A, single phase, 220 V, free. Its link goes to the
/// broker named by --broker, else to a broker PileSim embeds, which mosquitto_sub can watch.
/// </summary>
internal static class InteractiveCommand
{
    public static readonly CommandOption[] Options = new[] { CommandOption.Set, CommandOption.ConsolePty, CommandOption.State }.Concat(CommandOption.BrokerOptions).ToArray();

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
        using var pty = chosen.ConsolePty ? new PseudoTerminal() : null;
        var runFailure = InteractivePile.Run(config, broker, pty, () => new TerminalKeyboard(), Console.Out, chosen.StatePath);
        return runFailure == null ? CommandLine.Ok : cli.Fail(runFailure);
    }
}

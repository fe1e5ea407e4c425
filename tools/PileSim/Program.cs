using ChargeController.PileSim;
using ChargeController.PileSim.Generator;
using ChargeController.Tools;

var cli = new CommandLine("PileSim", Usage.Text);
return cli.Run(args, args =>
{
    if (args.Length == 0 || args[0].StartsWith("--"))
        return InteractiveCommand.Run(cli, args);
    return args[0] switch
    {
        "run" => ScenarioCommand.Run(cli, args),
        "generate" => GenerateCommand.Run(cli, args),
        "keys" => KeysCommand.Run(cli, args),
        "bandwidth" => BandwidthCommand.Run(cli, args),
        "help" => cli.Run(new[] { "--help" }, _ => 0),
        _ => cli.Usage($"unknown command '{args[0]}'"),
    };
});

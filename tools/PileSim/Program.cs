using ChargeController.Firmware.Config;
using ChargeController.PileSim;

if (args.Length == 0)
    return InteractiveCommand.Run(new PileConfig());
switch (args[0])
{
    case "run":
        return ScenarioCommand.Run(args);
    case "keys":
        foreach (var key in ConfigKeys.All)
            Console.WriteLine($"{key.Name,-30} {key.Format(key.Default),-8} {key.AllowedText(),-16} {key.Meaning}");
        return 0;
    case "--help" or "-h" or "help":
        Console.WriteLine(Usage.Text);
        return 0;
    default:
        return Usage.Fail($"unknown command '{args[0]}'");
}

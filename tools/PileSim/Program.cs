using ChargeController.Firmware.Config;
using ChargeController.PileSim;

if (args.Length == 0 || args[0] == "--set")
{
    var config = new PileConfig();
    for (var i = 0; i < args.Length; i += 2)
    {
        var error = args[i] == "--set" && i + 1 < args.Length ? config.SetAssignment(args[i + 1]) : $"unknown argument '{args[i]}'";
        if (error != null)
            return Usage.Fail(error);
    }
    return InteractiveCommand.Run(config);
}
switch (args[0])
{
    case "run":
        return ScenarioCommand.Run(args);
    case "keys" when args.Length > 1 && args[1] == "--markdown":
        Console.Write(ConfigurationDoc.Markdown());
        return 0;
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

using ChargeController.Firmware.Config;
using ChargeController.Tools;

namespace ChargeController.PileSim;

/// <summary>`PileSim keys [--markdown]`: every config key with its default and range.</summary>
internal static class KeysCommand
{
    public static int Run(CommandLine cli, string[] args)
    {
        if (args.Length > 2 || (args.Length == 2 && args[1] != "--markdown"))
            return cli.Usage($"unknown argument '{args[^1]}'");
        if (args.Length == 2)
        {
            Console.Write(ConfigurationDoc.Markdown());
            return CommandLine.Ok;
        }
        foreach (var key in ConfigKeys.All)
            Console.WriteLine($"{key.Name,-30} {key.Format(key.Default),-8} {key.AllowedText(),-16} {key.Meaning}");
        return CommandLine.Ok;
    }
}

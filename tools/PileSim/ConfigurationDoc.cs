using System.Text;
using ChargeController.Firmware.Config;

namespace ChargeController.PileSim;

/// <summary>docs/configuration.md, generated from the one list of keys: `PileSim keys --markdown &gt; docs/configuration.md`.</summary>
public static class ConfigurationDoc
{
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("# Configuration keys");
        text.AppendLine();
        text.AppendLine("Generated from `firmware/Config/ConfigKeys.cs` by `dotnet run --project tools/PileSim -- keys --markdown`;");
        text.AppendLine("a test fails when this file and the code disagree. Values are whole numbers in the unit shown, or one of");
        text.AppendLine("the named choices. A value outside its range is refused with the key and the range; nothing changes then.");
        text.AppendLine("Set them for a simulated run with `--set key=value`, or in a scenario with `0s set key=value`.");
        text.AppendLine();
        text.AppendLine("| Key | Default | Allowed | Meaning |");
        text.AppendLine("|---|---|---|---|");
        foreach (var key in ConfigKeys.All)
            text.AppendLine($"| `{key.Name}` | {key.Format(key.Default)}{(key.Choices == null && key.Unit.Length > 0 ? " " + key.Unit : "")} | {key.AllowedText()} | {key.Meaning} |");
        return text.ToString();
    }
}

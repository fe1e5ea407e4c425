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
        text.AppendLine();
        text.AppendLine("## Installation-critical keys");
        text.AppendLine();
        text.AppendLine("Their defaults could exceed what an installation allows, weaken its protection, misread its meter or give charging");
        text.AppendLine("away. When the stored value of one of them is bad, the pile does not fall back to the default: it comes up");
        text.AppendLine("`Unavailable` with the fault `config-damaged` until a valid configuration is written ([storage.md](storage.md)).");
        text.AppendLine("Any other key with a bad value keeps its default, with a warning.");
        text.AppendLine();
        foreach (var key in ConfigKeys.All)
            if (key.Critical)
                text.AppendLine($"- `{key.Name}`");
        return text.ToString();
    }
}

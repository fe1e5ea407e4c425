using ChargeController.Firmware.Config;
using ChargeController.Firmware.Safety;
using ChargeController.PileSim;
using ChargeController.Sim.Scenarios;
using Xunit;

namespace ChargeController.Tests;

/// <summary>The user docs say what the code does: generated parts match, every verb and fault is documented.</summary>
public class DocsTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", name));

    private static string Scenario(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", file)).TrimEnd();

    [Fact]
    public void ConfigurationDocIsGeneratedFromTheKeys() =>
        Assert.Equal(ConfigurationDoc.Markdown(), Doc("configuration.md"));

    [Fact]
    public void EveryVerbIsDocumented()
    {
        var doc = Doc("scenarios.md");
        Assert.All(VerbSyntax.All, verb => Assert.Contains($"| `{verb.Words}` |", doc));
    }

    [Fact]
    public void TheDocumentedExampleIsTheStoredScenarioAndItsTrace()
    {
        var doc = Doc("scenarios.md");
        Assert.Contains("```\n" + Scenario("free-charge.scn") + "\n```", doc);
        Assert.Contains("```\n" + Scenario("free-charge.trace.jsonl") + "\n```", doc);
    }

    [Fact]
    public void EveryFaultIsDocumented()
    {
        var doc = Doc("faults.md");
        Assert.All(Enum.GetValues<Fault>(), fault =>
            Assert.Contains($"| `{FaultPolicies.DetailOf(fault)}` | {Firmware.Text.Names.Of(FaultPolicies.CodeOf(fault))} |", doc));
    }

    /// <summary>The platform's confirm rule is configuration.md's list of installation-critical keys, not a list of its own.</summary>
    [Fact]
    public void TheConfirmRuleNamesTheInstallationCriticalListAndEveryKeyOnItNeedsConfirm()
    {
        var row = Doc("mqtt-api.md").Split('\n').Single(l => l.StartsWith("| `config` |"));
        Assert.Contains("(configuration.md#installation-critical-keys)", row);
        var listed = Doc("configuration.md").Split("## Installation-critical keys")[1].Split("\n## ")[0]
            .Split('\n').Where(l => l.StartsWith("- `")).Select(l => l[3..l.IndexOf('`', 3)]).ToList();
        Assert.Equal(ConfigKeys.All.Where(k => k.Critical).Select(k => k.Name).Order(), listed.Order());
        foreach (var key in ConfigKeys.All)
            if (!key.Critical)
                Assert.DoesNotContain("`" + key.Name + "`", row); // the row names no key of its own
    }
}

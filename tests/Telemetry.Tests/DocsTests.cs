using System.Text.RegularExpressions;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>The examples in docs/mqtt-api.md are valid messages: each validates against the schema it is tagged with.</summary>
public class DocsTests
{
    [Fact]
    public void EveryExampleInTheApiDocValidatesAndEverySchemaHasOne()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "mqtt-api.md"));
        var examples = Regex.Matches(doc, "<!-- schema: ([a-z-]+) -->\\s*```json\\s*(.*?)\\s*```", RegexOptions.Singleline);
        var covered = new HashSet<string>();
        foreach (Match example in examples)
        {
            Schemas.AssertValid(example.Groups[1].Value, example.Groups[2].Value);
            covered.Add(example.Groups[1].Value);
        }
        Assert.Equal(Schemas.Names().ToHashSet(), covered);
    }
}

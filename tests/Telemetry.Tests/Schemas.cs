using System.Collections.Concurrent;
using System.Text.Json;
using ChargeController.Firmware.Telemetry;
using Json.Schema;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>The contract's JSON Schemas (docs/schemas), each built once, and validation with readable failures.</summary>
public static class Schemas
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "docs", "schemas");
    // Lazy: a schema registers its $id globally when built, and a second build of the same $id throws, so tests running
    // in parallel must never build one twice.
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Built = new();

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Folder, "*.schema.json").Select(p => Path.GetFileName(p)[..^".schema.json".Length]).Order();

    public static JsonSchema Of(string name) =>
        Built.GetOrAdd(name, n => new Lazy<JsonSchema>(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, n + ".schema.json"))))).Value;

    /// <summary>Asserts that the writer holds one JSON message valid against schema <paramref name="name"/>; returns it.</summary>
    public static JsonElement AssertValid(string name, JsonWriter writer)
    {
        Assert.False(writer.Overflowed, "the message did not fit the writer");
        return AssertValid(name, System.Text.Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length));
    }

    /// <summary>The schema of a message the pile publishes under <paramref name="root"/>, by its topic and, for status and events, its content.</summary>
    public static string OfPublish(string root, string topic, JsonElement message)
    {
        Assert.StartsWith(root + "/", topic);
        switch (topic.Substring(root.Length + 1))
        {
            case "status": return message.GetProperty("online").GetBoolean() ? "status" : "status-offline";
            case "telemetry": return "telemetry";
            case "events": return "event-" + message.GetProperty("event").GetString();
            case "cmd/result": return "cmd-result";
            case "update/get": return "update-request";
            case "echo": return "probe";
            default: throw new Xunit.Sdk.XunitException($"the pile published to {topic}, a topic of no schema");
        }
    }

    public static JsonElement AssertValid(string name, string text)
    {
        var root = JsonDocument.Parse(text).RootElement;
        var result = Of(name).Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? new List<EvaluationResults>())
                .Where(d => d.Errors != null)
                .SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value));
            Assert.Fail(name + " rejects " + text + "\n" + string.Join("\n", errors));
        }
        return root;
    }
}

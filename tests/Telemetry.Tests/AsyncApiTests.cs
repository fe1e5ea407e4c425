using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChargeController.Firmware.Telemetry;
using Xunit;
using YamlDotNet.Serialization;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// docs/asyncapi.yaml names every topic and every message: each schema of docs/schemas is the payload of exactly one
/// message (except the parts other schemas include, like cmd-envelope), each message is in a channel and sent or
/// received by an operation, every internal reference resolves, and the topics, the pile's action on each and their QoS
/// and retain flags are the ones the firmware uses.
/// </summary>
public class AsyncApiTests
{
    private static readonly JsonNode Doc = Load();

    private static JsonNode Load()
    {
        var yaml = new DeserializerBuilder().Build().Deserialize(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "asyncapi.yaml"))));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml!);
        return JsonNode.Parse(json)!;
    }

    private static JsonObject Obj(JsonNode? node) => Assert.IsType<JsonObject>(node);

    private static string Ref(JsonNode? node) => Obj(node)["$ref"]!.GetValue<string>();

    /// <summary>Resolves '#/a/b' in the document.</summary>
    private static JsonNode Resolve(string reference)
    {
        Assert.StartsWith("#/", reference);
        JsonNode? node = Doc;
        foreach (var part in reference[2..].Split('/'))
            node = Obj(node)[part];
        Assert.True(node != null, reference + " does not resolve");
        return node!;
    }

    [Fact]
    public void ItIsAnAsyncApi3Document()
    {
        Assert.Equal("3.0.0", Doc["asyncapi"]!.GetValue<string>());
        Assert.Equal("application/json", Doc["defaultContentType"]!.GetValue<string>());
    }

    /// <summary>The schemas another schema includes by "$ref": parts of messages, never a message of their own.</summary>
    private static HashSet<string> Parts() =>
        Schemas.Names().SelectMany(name => Regex.Matches(File.ReadAllText(Path.Combine(Schemas.Folder, name + ".schema.json")),
            "\"\\$ref\":\\s*\"([a-z-]+)\\.schema\\.json\"").Select(m => m.Groups[1].Value)).ToHashSet();

    [Fact]
    public void TheEnvelopeIsAPartOfEveryCommand()
    {
        Assert.Equal(new HashSet<string> { "cmd-envelope" }, Parts());
        Assert.All(Schemas.Names().Where(n => n.StartsWith("cmd-") && n != "cmd-envelope" && n != "cmd-result"),
            name => Assert.Contains("\"cmd-envelope.schema.json\"", File.ReadAllText(Path.Combine(Schemas.Folder, name + ".schema.json"))));
    }

    [Fact]
    public void EverySchemaIsThePayloadOfExactlyOneMessageNamedAfterIt()
    {
        // a binary message (the update's chunks) has a payload without a schema
        var messages = Obj(Doc["components"]!["messages"]).Where(m => m.Value!["payload"]!["schema"] != null).ToDictionary(m => m.Key, m => m.Value);
        var payloads = messages.ToDictionary(m => m.Key, m => Ref(m.Value!["payload"]!["schema"]));
        var parts = Parts();
        foreach (var schema in Schemas.Names().Where(n => !parts.Contains(n)))
        {
            var named = payloads.Where(p => p.Value == "./schemas/" + schema + ".schema.json").Select(p => p.Key).ToList();
            Assert.True(named.Count == 1, schema + " is the payload of " + named.Count + " messages");
            Assert.Equal(schema, messages[named[0]]!["name"]!.GetValue<string>());
        }
        Assert.Equal(Schemas.Names().Count(n => !parts.Contains(n)), messages.Count);
    }

    [Fact]
    public void EveryMessageIsInAChannelAndSentOrReceivedByAnOperation()
    {
        var inChannels = new HashSet<string>();
        foreach (var channel in Obj(Doc["channels"]))
            foreach (var message in Obj(channel.Value!["messages"]))
                inChannels.Add(Ref(message.Value));
        var handled = new HashSet<string>();
        foreach (var operation in Obj(Doc["operations"]))
        {
            Assert.Contains(operation.Value!["action"]!.GetValue<string>(), new[] { "send", "receive" });
            var channel = Ref(operation.Value["channel"]);
            foreach (var message in operation.Value["messages"]!.AsArray())
            {
                var reference = Ref(message);
                Assert.StartsWith(channel + "/messages/", reference);
                handled.Add(Ref(Resolve(reference)));
            }
        }
        foreach (var message in Obj(Doc["components"]!["messages"]))
        {
            Assert.Contains("#/components/messages/" + message.Key, inChannels);
            Assert.Contains("#/components/messages/" + message.Key, handled);
        }
    }

    [Fact]
    public void EveryInternalReferenceResolves()
    {
        var references = new List<string>();
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o)
                foreach (var p in o)
                {
                    if (p.Key == "$ref" && p.Value!.GetValue<string>().StartsWith('#'))
                        references.Add(p.Value.GetValue<string>());
                    Walk(p.Value);
                }
            else if (node is JsonArray a)
                foreach (var e in a)
                    Walk(e);
        }
        Walk(Doc);
        Assert.NotEmpty(references);
        foreach (var reference in references)
            Resolve(reference);
    }

    [Theory]
    [InlineData("status", "send", "1", "true")]
    [InlineData("telemetry", "send", "0", "false")]
    [InlineData("events", "send", "1", "false")]
    [InlineData("cmd", "receive", "1", "false")]
    [InlineData("cmdResult", "send", "1", "false")]
    public void TopicsActionsQosAndRetainAreTheFirmwares(string channel, string action, string qos, string retain)
    {
        var topics = new PlatformTopics(PlatformTopics.DefaultRoot("{pileId}"));
        var expected = channel switch
        {
            "status" => topics.Status, "telemetry" => topics.Telemetry, "events" => topics.Events,
            "cmd" => topics.Commands, _ => topics.CommandResults,
        };
        Assert.Equal(expected, Doc["channels"]![channel]!["address"]!.GetValue<string>());
        var operations = Obj(Doc["operations"]).Where(o => Ref(o.Value!["channel"]) == "#/channels/" + channel).ToList();
        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            Assert.Equal(action, operation.Value!["action"]!.GetValue<string>());
            Assert.Equal(qos, operation.Value!["bindings"]!["mqtt"]!["qos"]!.GetValue<string>());
            Assert.Equal(retain, operation.Value["bindings"]!["mqtt"]!["retain"]!.GetValue<string>());
        }
    }
}

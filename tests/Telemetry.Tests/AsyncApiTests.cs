using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeController.Firmware.Telemetry;
using Xunit;
using YamlDotNet.Serialization;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// docs/asyncapi.yaml names every topic and every message: each schema of docs/schemas is the payload of exactly one
/// message, each message is in a channel and sent by an operation, every internal reference resolves, and the topics
/// and their QoS and retain flags are the ones the firmware uses.
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

    [Fact]
    public void EverySchemaIsThePayloadOfExactlyOneMessageNamedAfterIt()
    {
        var messages = Obj(Doc["components"]!["messages"]);
        var payloads = messages.ToDictionary(m => m.Key, m => Ref(m.Value!["payload"]!["schema"]));
        foreach (var schema in Schemas.Names())
        {
            var named = payloads.Where(p => p.Value == "./schemas/" + schema + ".schema.json").Select(p => p.Key).ToList();
            Assert.True(named.Count == 1, schema + " is the payload of " + named.Count + " messages");
            Assert.Equal(schema, messages[named[0]]!["name"]!.GetValue<string>());
        }
        Assert.Equal(Schemas.Names().Count(), messages.Count);
    }

    [Fact]
    public void EveryMessageIsInAChannelAndSentByAnOperation()
    {
        var inChannels = new HashSet<string>();
        foreach (var channel in Obj(Doc["channels"]))
            foreach (var message in Obj(channel.Value!["messages"]))
                inChannels.Add(Ref(message.Value));
        var sent = new HashSet<string>();
        foreach (var operation in Obj(Doc["operations"]))
        {
            Assert.Equal("send", operation.Value!["action"]!.GetValue<string>());
            var channel = Ref(operation.Value["channel"]);
            foreach (var message in operation.Value["messages"]!.AsArray())
            {
                var reference = Ref(message);
                Assert.StartsWith(channel + "/messages/", reference);
                sent.Add(Ref(Resolve(reference)));
            }
        }
        foreach (var message in Obj(Doc["components"]!["messages"]))
        {
            Assert.Contains("#/components/messages/" + message.Key, inChannels);
            Assert.Contains("#/components/messages/" + message.Key, sent);
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
    [InlineData("status", "1", "true")]
    [InlineData("telemetry", "0", "false")]
    [InlineData("events", "1", "false")]
    public void TopicsQosAndRetainAreTheFirmwares(string channel, string qos, string retain)
    {
        var topics = new PlatformTopics(PlatformTopics.DefaultRoot("{pileId}"));
        var expected = channel switch { "status" => topics.Status, "telemetry" => topics.Telemetry, _ => topics.Events };
        Assert.Equal(expected, Doc["channels"]![channel]!["address"]!.GetValue<string>());
        foreach (var operation in Obj(Doc["operations"]).Where(o => Ref(o.Value!["channel"]) == "#/channels/" + channel))
        {
            Assert.Equal(qos, operation.Value!["bindings"]!["mqtt"]!["qos"]!.GetValue<string>());
            Assert.Equal(retain, operation.Value["bindings"]!["mqtt"]!["retain"]!.GetValue<string>());
        }
    }
}

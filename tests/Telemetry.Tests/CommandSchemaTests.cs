using System.Text;
using System.Text.Json;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Telemetry;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;
using Json.Schema;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>Every command the pile accepts validates against its schema, and every result against the result's.</summary>
public class CommandSchemaTests : ICommandHost, IEventWriter
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "docs", "schemas");
    // One registry of our own: a schema's $id may be built once per registry, and other tests build theirs globally.
    private static readonly Lazy<Dictionary<string, JsonSchema>> Built = new(() =>
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var envelope = Path.Combine(Folder, "cmd-envelope.schema.json");
        var built = new Dictionary<string, JsonSchema> { ["cmd-envelope"] = JsonSchema.FromText(File.ReadAllText(envelope), options) };
        foreach (var file in Directory.GetFiles(Folder, "cmd-*.schema.json").Where(f => f != envelope))
            built[Path.GetFileName(file)[..^".schema.json".Length]] = JsonSchema.FromText(File.ReadAllText(file), options);
        return built;
    });

    private static readonly string[] Valid =
    {
        "{\"v\":1,\"id\":\"s1\",\"cmd\":\"start\",\"ttlS\":60,\"idTag\":\"FLEET-7\"}",
        "{\"v\":1,\"id\":\"s2\",\"cmd\":\"limit\",\"expires\":\"2099-01-01T00:00:00Z\",\"kw\":7.4,\"durationS\":600}",
        "{\"v\":1,\"id\":\"s3\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":10,\"durationS\":60}",
        "{\"v\":1,\"id\":\"s4\",\"cmd\":\"availability\",\"ttlS\":60,\"state\":\"inoperative\"}",
        "{\"v\":1,\"id\":\"s5\",\"cmd\":\"reboot\",\"ttlS\":60,\"when\":\"idle\"}",
        "{\"v\":1,\"id\":\"s6\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"telemetry\"}",
        "{\"v\":1,\"id\":\"s7\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"get\",\"keys\":[\"pile.ratedCurrentA\",\"auth.mode\"]}",
        "{\"v\":1,\"id\":\"s8\",\"cmd\":\"config\",\"ttlS\":60,\"op\":\"set\",\"values\":{\"auth.timeoutS\":300,\"pile.ratedCurrentA\":\"16\"},\"confirm\":true}",
        "{\"v\":1,\"id\":\"s9\",\"cmd\":\"tariff\",\"ttlS\":60,\"version\":1,\"utcOffsetMin\":480,\"slots\":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,3,3]}",
        "{\"v\":1,\"id\":\"s10\",\"cmd\":\"schedule\",\"ttlS\":60,\"version\":1,\"utcOffsetMin\":480,\"days\":[[480,1080],[480,1080],[480,1080],[480,1080],[480,1080],[0,0],[0,1440]]}",
        "{\"v\":1,\"id\":\"s11\",\"cmd\":\"fleet-list\",\"ttlS\":60,\"version\":1,\"mode\":\"replace\",\"tags\":[\"F-1\",\"F-2\"]}",
        "{\"v\":1,\"id\":\"s12\",\"cmd\":\"fleet-list\",\"ttlS\":60,\"version\":2,\"mode\":\"update\",\"add\":[\"F-3\"],\"remove\":[\"F-1\"]}",
        "{\"v\":1,\"id\":\"s13\",\"cmd\":\"clear-fault\",\"ttlS\":60,\"code\":\"rcd-ac\"}",
        "{\"v\":1,\"id\":\"s14\",\"cmd\":\"stop\",\"ttlS\":60}",
        "{\"v\":1,\"id\":\"s15\",\"cmd\":\"limit\",\"ttlS\":60.0,\"amps\":7.0,\"durationS\":60.00}", // JSON Schema's integer: a zero fraction
        "{\"v\":1,\"id\":\"s16\",\"cmd\":\"limit\",\"ttlS\":60,\"kw\":7.4000,\"durationS\":600}",
    };

    private static readonly string[] Invalid =
    {
        "{\"v\":1,\"id\":\"x1\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":10}",
        "{\"v\":1,\"id\":\"x2\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":10,\"kw\":2,\"durationS\":5}",
        "{\"v\":1,\"id\":\"x3\",\"cmd\":\"stop\",\"ttlS\":60,\"force\":true}",
        "{\"v\":1,\"id\":\"x4\",\"cmd\":\"stop\"}",
        "{\"v\":1,\"id\":\"x5\",\"cmd\":\"fleet-list\",\"ttlS\":60,\"version\":2,\"mode\":\"update\",\"tags\":[\"F\"]}",
        "{\"v\":1,\"id\":\"x6\",\"cmd\":\"start\",\"ttlS\":60,\"idTag\":\"123456789012345678901\"}",
        "{\"v\":1,\"id\":\"x7\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":7.5,\"durationS\":60}",
        "{\"v\":1,\"id\":\"x8\",\"cmd\":\"limit\",\"ttlS\":60,\"kw\":7.0001,\"durationS\":60}",
    };

    /// <summary>Reasons that say the command itself is wrong, which the schema would have said first.</summary>
    private static readonly string[] FormRefusals = { CommandReasons.Malformed, CommandReasons.BadEnvelope, CommandReasons.BadArgument };

    void ICommandHost.Reboot() { }
    void ICommandHost.Trigger(bool telemetry) { }
    void ChargeController.Runtime.IEventConsumer.Write(PileEvent e) { }

    private static EvaluationResults Evaluate(string name, string json) => Built.Value[name].Evaluate(JsonDocument.Parse(json).RootElement);

    private static string SchemaOf(string command) => "cmd-" + JsonDocument.Parse(command).RootElement.GetProperty("cmd").GetString();

    [Fact]
    public void AcceptedCommandsAndEveryResultFollowTheirSchemas()
    {
        var pile = new SimulatedPile(new PileConfig(), this);
        pile.Start();
        var flash = new ChargeController.Firmware.Handoff.FlashWrites(1);
        var handler = new CommandHandler(pile.Pile, pile.Runtime.Config, pile.Store, pile.Events, this, flash,
            new ChargeController.Firmware.Storage.ConfigWrite(pile.Store, pile.Runtime.Config, flash, pile.Events, pile.Board.Clock));
        var writer = new JsonWriter(CommandResult.MaxBytes);
        foreach (var command in Valid.Concat(Invalid))
        {
            var bytes = Encoding.UTF8.GetBytes(command);
            handler.Handle(bytes, bytes.Length, false, 0, 0);
            while (handler.AwaitsStorage) // the command's write, then its answer's entry
            {
                flash.Run();
                handler.TryFinish(0);
            }
            handler.Result.WriteTo(writer);
            var result = Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length);
            Assert.True(Evaluate("cmd-result", result).IsValid, result);
            var valid = Evaluate(SchemaOf(command), command).IsValid;
            Assert.True(valid == Valid.Contains(command), command + (valid ? " passes its schema" : " fails its schema"));
            if (handler.Result.Accepted)
                Assert.True(valid, command + " was accepted but fails its schema");
            if (valid)
                Assert.False(FormRefusals.Contains(handler.Result.Reason), command + " passes its schema but the pile refused it: " + result);
        }
    }
}

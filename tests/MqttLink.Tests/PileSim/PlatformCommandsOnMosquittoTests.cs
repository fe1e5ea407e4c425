using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>
/// Issue 12 end to end: the interactive PileSim on the county's mosquitto as pile cc-0002 (auth.mode=platform), a vehicle
/// plugged with its stdin verbs, and the platform's commands sent by mosquitto_pub (a real process, as the platform
/// would): a start, a limit and a malformed command. mosquitto_sub, as the platform, hears each result and what the pile
/// does (its status and telemetry). Real time on a loaded machine: every wait is generous and none is an assertion.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class PlatformCommandsOnMosquittoTests
{
    private const string Pile = "cc-0005"; // its own: the retained status it leaves must not reach another class's tests on the shared broker
    private const int WaitMs = 60_000;
    private readonly Mosquitto _broker;

    public PlatformCommandsOnMosquittoTests(BrokerFixture fixture) => _broker = fixture.Broker;

    [Fact]
    public void StartLimitAndAMalformedCommandAreAnsweredAndObeyed()
    {
        RequiredProgram.Find("mosquitto_sub", "mosquitto-clients");
        RequiredProgram.Find("mosquitto_pub", "mosquitto-clients");
        var heard = new BlockingCollection<(string Topic, JsonElement Payload, string Raw)>();
        using var platform = Process.Start(Client("mosquitto_sub", "-i", "platform-e2e", "-t", $"piles/{Pile}/#", "-v"))!;
        platform.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null || e.Data.IndexOf(' ') < 0)
                return;
            var topic = e.Data[..e.Data.IndexOf(' ')];
            var raw = e.Data[(topic.Length + 1)..];
            try { heard.Add((topic, JsonDocument.Parse(raw).RootElement.Clone(), raw)); }
            catch (JsonException) { heard.Add((topic, default, raw)); } // the malformed command itself
        };
        platform.BeginOutputReadLine();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "PileSim.dll"), "--broker", "127.0.0.1:" + _broker.Port,
                     "--user", Pile, "--password", Mosquitto.PasswordOf(Pile), "--pile-id", Pile, "--set", "auth.mode=platform" })
            start.ArgumentList.Add(argument);
        using var pileSim = Process.Start(start)!;
        pileSim.OutputDataReceived += (_, _) => { };
        pileSim.ErrorDataReceived += (_, _) => { };
        pileSim.BeginOutputReadLine();
        pileSim.BeginErrorReadLine();
        try
        {
            // both ends live: a trigger with a fresh id until its result comes back through the broker
            var hello = 0;
            while (Result(heard, "hello-" + hello, 2_000) == null)
            {
                Assert.True(++hello < WaitMs / 2_000, "no result from the pile through mosquitto");
                Send("{\"v\":1,\"id\":\"hello-" + hello + "\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}");
            }

            pileSim.StandardInput.WriteLine("plug 32A");
            Send("{\"v\":1,\"id\":\"e2e-start\",\"cmd\":\"start\",\"ttlS\":60,\"idTag\":\"CARD-1\"}");
            Accepted(Result(heard, "e2e-start", WaitMs));
            pileSim.StandardInput.WriteLine("ev ready");
            Assert.NotNull(Wait(heard, m => m.Topic.EndsWith("/status") && Is(m.Payload, "status", "Charging"), WaitMs));

            Send("{\"v\":1,\"id\":\"e2e-limit\",\"cmd\":\"limit\",\"ttlS\":60,\"amps\":10,\"durationS\":600}");
            Accepted(Result(heard, "e2e-limit", WaitMs));
            Send("{\"v\":1,\"id\":\"e2e-look\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"telemetry\"}");
            Accepted(Result(heard, "e2e-look", WaitMs));
            var telemetry = Wait(heard, m => m.Topic.EndsWith("/telemetry"), WaitMs);
            Assert.NotNull(telemetry);
            Assert.Equal(10.0, telemetry!.Value.Payload.GetProperty("advertisedA").GetDouble()); // the pilot offers the limit
            Assert.Equal("C", telemetry.Value.Payload.GetProperty("cp").GetString());

            Send("{\"v\":1,\"id\":\"e2e-bad\",\"cmd\":\"stop\"");
            var malformed = Wait(heard, m => m.Topic.EndsWith("/cmd/result"), WaitMs);
            Assert.NotNull(malformed);
            Assert.Equal(("Rejected", "malformed"), (malformed!.Value.Payload.GetProperty("status").GetString(),
                malformed.Value.Payload.GetProperty("reason").GetString()));
            Assert.Null(Wait(heard, m => m.Topic.EndsWith("/status") && !Is(m.Payload, "status", "Charging"), 2_000)); // still charging
        }
        finally
        {
            pileSim.StandardInput.WriteLine("quit");
            pileSim.StandardInput.Close();
            if (!pileSim.WaitForExit(30_000))
                pileSim.Kill(true);
            platform.Kill(true);
        }
        Assert.Equal(0, pileSim.ExitCode);
    }

    private ProcessStartInfo Client(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", _broker.Port.ToString(), "-u", Mosquitto.Platform,
                     "-P", Mosquitto.PasswordOf(Mosquitto.Platform) }.Concat(arguments))
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>mosquitto_pub, QoS 1, on the pile's command topic.</summary>
    private void Send(string command)
    {
        using var pub = Process.Start(Client("mosquitto_pub", "-i", "platform-e2e-pub", "-t", $"piles/{Pile}/cmd", "-q", "1", "-m", command))!;
        Assert.True(pub.WaitForExit(WaitMs), "mosquitto_pub did not finish");
        Assert.True(pub.ExitCode == 0, pub.StandardError.ReadToEnd());
    }

    private static bool Is(JsonElement payload, string member, string value) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(member, out var v) && v.GetString() == value;

    /// <summary>The next message heard that matches, skipping others; null when none comes within <paramref name="ms"/>.</summary>
    private static (string Topic, JsonElement Payload, string Raw)? Wait(BlockingCollection<(string Topic, JsonElement Payload, string Raw)> heard,
        Func<(string Topic, JsonElement Payload, string Raw), bool> match, int ms)
    {
        var until = DateTime.UtcNow.AddMilliseconds(ms);
        while (heard.TryTake(out var message, Math.Max(0, (int)(until - DateTime.UtcNow).TotalMilliseconds)))
            if (match(message))
                return message;
        return null;
    }

    private static JsonElement? Result(BlockingCollection<(string Topic, JsonElement Payload, string Raw)> heard, string id, int ms) =>
        Wait(heard, m => m.Topic.EndsWith("/cmd/result") && Is(m.Payload, "id", id), ms)?.Payload;

    private static void Accepted(JsonElement? result)
    {
        Assert.NotNull(result);
        Assert.True(Is(result!.Value, "status", "Accepted") && Is(result.Value, "reason", "ok"), result.Value.ToString());
    }
}

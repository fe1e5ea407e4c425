using ChargeController.Firmware.Safety;

namespace ChargeController.PileSim.Generator;

/// <summary>
/// The platform's commands (docs/mqtt-api.md) as `cmd` lines: every command with valid arguments, and the mistakes the
/// pile must answer without acting: bad JSON, an unknown command, no id, a replayed id, bad arguments, an expired or
/// undatable command, another envelope version, an oversized one. One picker per scenario: it numbers the ids and
/// raises the table versions.
/// </summary>
public sealed class CommandPicker
{
    private static readonly string[] FaultCodes = Enum.GetValues<Fault>().Select(FaultPolicies.DetailOf).ToArray();
    private readonly List<string> _ids = new();
    private int _tableVersion;

    public CommandPicker() => Acts = new Act[]
    {
        new("valid command", 12, d => d.Add("cmd " + Valid(d))),
        new("malformed command", 8, d => d.Add("cmd " + Malformed(d))),
        new("replayed command", 3, Replayed),
    };

    public Act[] Acts { get; }

    private string Valid(Draft draft)
    {
        var random = draft.Random;
        var (cmd, arguments) = random.Next(14) switch
        {
            0 or 1 => ("start", $"\"idTag\":\"{IdTag(random)}\""),
            2 => ("stop", ""),
            3 or 4 => ("limit", Limit(random)),
            5 => ("availability", $"\"state\":\"{(random.Next(2) == 0 ? "operative" : "inoperative")}\""),
            6 => ("reboot", $"\"when\":\"{(random.Next(3) == 0 ? "now" : "idle")}\""),
            7 => ("trigger", $"\"what\":\"{(random.Next(2) == 0 ? "status" : "telemetry")}\""),
            8 => ("clear-fault", $"\"code\":\"{FaultCodes[random.Next(FaultCodes.Length)]}\""),
            9 or 10 => ("config", Config(random)),
            11 => ("tariff", $"\"version\":{++_tableVersion},\"utcOffsetMin\":{UtcOffsetMin(random)},\"slots\":[{string.Join(',', Enumerable.Range(0, 48).Select(_ => random.Next(4)))}]"),
            12 => ("schedule", $"\"version\":{++_tableVersion},\"utcOffsetMin\":{UtcOffsetMin(random)},\"days\":[{string.Join(',', Enumerable.Range(0, 7).Select(_ => Day(random)))}]"),
            _ => ("fleet-list", FleetList(random)),
        };
        if (_ids.Count % UpdateEvery == UpdateEvery - 1)
            (cmd, arguments) = ("update", $"\"package\":\"cc-{_ids.Count % 3}.0.0\",\"manifestBytes\":{100 + _ids.Count}"); // drawn without the random source, whose sequence the stored seeds rely on
        return Command(NewId(), cmd, Expiry(draft), arguments);
    }

    /// <summary>
    /// Every so many commands one offers a firmware package no platform serves in a generated run: the pile asks for it on
    /// update/get and gives up once a request is answered not-found, or keeps asking while nothing answers.
    /// </summary>
    private const int UpdateEvery = 8;

    private string Malformed(Draft draft)
    {
        var random = draft.Random;
        var valid = Valid(draft);
        return random.Next(11) switch
        {
            0 => valid.Substring(0, random.Next(1, valid.Length - 1)),                       // cut short
            1 => valid + (random.Next(2) == 0 ? "x" : ",{}"),                                   // something after it
            2 => valid.Replace('"', '\''),                                                      // not JSON's quotes
            3 => Command(NewId(), random.Next(2) == 0 ? "dance" : "Start", Expiry(draft), ""),  // unknown command
            4 => valid.Replace($"\"id\":\"{_ids[^1]}\",", ""),                               // no id
            5 => Command(NewId(), "limit", Expiry(draft), $"\"amps\":{random.Next(81, 500)},\"durationS\":60"), // out of range
            6 => Command(NewId(), "availability", Expiry(draft), "\"state\":\"maybe\",\"colour\":\"red\""),   // bad and unknown argument
            7 => Command(NewId(), "stop", draft.Model.ClockSet ? $"\"expires\":\"{InfrastructurePicker.UtcOf(draft.Model.WallClockS - random.Next(1, 7200))}\"" : "\"expires\":\"2025-11-24T02:00:00Z\"", ""), // expired, or no clock
            8 => valid.Replace("\"v\":1", "\"v\":2"),                                           // another envelope version
            9 => Command(NewId(), "trigger", "\"ttlS\":0", "\"what\":\"status\""),              // a ttl out of range
            _ => Command(NewId(), "start", Expiry(draft), $"\"idTag\":\"{new string('A', random.Next(2100, 2400))}\""), // oversized
        };
    }

    /// <summary>A command whose id came before: answered with its first answer, marked replayed, never run twice.</summary>
    private void Replayed(Draft draft)
    {
        if (_ids.Count == 0)
        {
            draft.Add("cmd " + Valid(draft));
            return;
        }
        var id = _ids[draft.Random.Next(Math.Max(0, _ids.Count - 4), _ids.Count)];
        draft.Add("cmd " + Command(id, "trigger", Expiry(draft), "\"what\":\"status\""));
    }

    private string NewId()
    {
        _ids.Add($"g{_ids.Count + 1}");
        return _ids[^1];
    }

    private static string Command(string id, string cmd, string expiry, string arguments) =>
        $"{{\"v\":1,\"id\":\"{id}\",\"cmd\":\"{cmd}\",{expiry}{(arguments.Length > 0 ? "," + arguments : "")}}}";

    /// <summary>Mostly a ttlS (short ones expire while the link is down); an `expires` the pile can date once its clock is set.</summary>
    private static string Expiry(Draft draft)
    {
        var random = draft.Random;
        if (random.Next(3) == 0)
            return draft.Model.ClockSet
                ? $"\"expires\":\"{InfrastructurePicker.UtcOf(draft.Model.WallClockS + random.Next(60, 7200))}\""
                : "\"expires\":\"2030-01-01T00:00:00Z\"";
        return $"\"ttlS\":{(random.Next(4) == 0 ? random.Next(1, 6) : random.Next(30, 86_401))}";
    }

    private static string IdTag(Random random) => random.Next(3) switch
    {
        0 => "CARD-0042",
        1 => $"FLEET-{random.Next(1, 200):0000}",
        _ => "TECH01",
    };

    private static string Limit(Random random)
    {
        var size = random.Next(2) == 0 ? $"\"amps\":{random.Next(0, 81)}" : $"\"kw\":{random.Next(0, 60)}.{random.Next(0, 1000):000}";
        return size + $",\"durationS\":{random.Next(5, 900)}";
    }

    private static string Config(Random random)
    {
        if (random.Next(3) == 0)
            return $"\"op\":\"get\",\"keys\":[{string.Join(',', Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"\"{ConfigChoices.ReadKey(random)}\""))}]";
        var (key, value) = ConfigChoices.Pick(random);
        var json = int.TryParse(value, out _) && random.Next(3) != 0 ? value : $"\"{value}\"";
        var critical = Firmware.Config.ConfigKeys.Find(key)?.Critical == true;
        return $"\"op\":\"set\",\"values\":{{\"{key}\":{json}}}" + (critical && random.Next(4) != 0 ? ",\"confirm\":true" : "");
    }

    private static int UtcOffsetMin(Random random) => new[] { 480, 0, -300, 330 }[random.Next(4)];

    private static string Day(Random random)
    {
        if (random.Next(6) == 0)
            return "[0,0]";
        var open = random.Next(0, 720);
        return $"[{open},{random.Next(open + 1, 1441)}]";
    }

    private string FleetList(Random random)
    {
        string Tags(int n) => string.Join(',', Enumerable.Range(0, n).Select(_ => $"\"FLEET-{random.Next(1, 200):0000}\""));
        return random.Next(2) == 0
            ? $"\"version\":{++_tableVersion},\"mode\":\"replace\",\"tags\":[{Tags(random.Next(1, 6))}]"
            : $"\"version\":{++_tableVersion},\"mode\":\"update\",\"add\":[{Tags(random.Next(1, 3))}],\"remove\":[{Tags(1)}]";
    }
}

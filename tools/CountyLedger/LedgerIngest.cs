using System.Data.Common;
using System.Text;
using System.Text.Json;

namespace ChargeController.CountyLedger;

/// <summary>What became of one message.</summary>
public enum Ingested { Stored, Duplicate, Ignored, Rejected }

/// <summary>
/// Stores one message from a pile (docs/mqtt-api.md) in one transaction: an event once per (pile, boot, seq) with what
/// it means (a session, a fault, a boot), counted as a duplicate when it was stored before (the outbox delivers at
/// least once, the broker redelivers); a status as the pile's latest (an older one arriving late changes nothing but
/// the history); a telemetry reading. Counters: events, duplicates, statuses, telemetry, rejected.
/// </summary>
public sealed class LedgerIngest(LedgerDb db, LedgerClock clock)
{
    public Ingested Store(string topic, byte[] payload)
    {
        var parts = topic.Split('/');
        if (parts.Length != 3 || parts[0] != "piles" || parts[2] is not ("events" or "status" or "telemetry"))
            return Ingested.Ignored;
        var pile = parts[1];
        JsonElement message;
        try
        {
            using var document = JsonDocument.Parse(payload);
            message = document.RootElement.Clone();
            if (message.ValueKind != JsonValueKind.Object)
                throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            return Reject(topic, payload, e.Message);
        }
        var atS = TimeOf(message);
        try
        {
            return db.InTransaction(transaction => parts[2] switch
            {
                "events" => Event(transaction, pile, message, atS),
                "status" => Status(transaction, pile, message, atS),
                _ => Telemetry(transaction, pile, message, atS),
            });
        }
        catch (Exception e) when (e.TargetSite?.DeclaringType?.Namespace == typeof(JsonElement).Namespace)
        {
            // a member the contract requires is missing or of the wrong kind (the reader threw, not the database: a
            // database failure goes up, unacknowledged, to be delivered again)
            return Reject(topic, payload, e.Message);
        }
    }

    private Ingested Event(DbTransaction t, string pile, JsonElement e, long atS)
    {
        var boot = e.GetProperty("boot").GetInt64();
        var seq = e.GetProperty("seq").GetInt64();
        var kind = e.GetProperty("event").GetString()!;
        var inserted = db.Execute(t,
            "INSERT INTO events (pile, boot, seq, event, at_s, received_s, payload) VALUES (@pile, @boot, @seq, @event, @at, @received, @payload) " +
            "ON CONFLICT (pile, boot, seq) DO NOTHING",
            ("@pile", pile), ("@boot", boot), ("@seq", seq), ("@event", kind), ("@at", atS), ("@received", clock.NowS), ("@payload", e.GetRawText()));
        if (inserted == 0)
        {
            Count(t, "duplicates");
            return Ingested.Duplicate;
        }
        KnowPile(t, pile);
        Count(t, "events");
        switch (kind)
        {
            case "boot":
                db.Execute(t, "INSERT INTO boots (pile, boot, reason, at_s) VALUES (@pile, @boot, @reason, @at) ON CONFLICT (pile, boot) DO NOTHING",
                    ("@pile", pile), ("@boot", boot), ("@reason", e.GetProperty("reason").GetString()), ("@at", atS));
                break;
            case "session-start":
                db.Execute(t,
                    "INSERT INTO sessions (pile, session, id_tag, started_s, start_wh, offline) VALUES (@pile, @session, @tag, @at, @start, @offline) " +
                    "ON CONFLICT (pile, session) DO UPDATE SET started_s = excluded.started_s, id_tag = excluded.id_tag, " +
                    "start_wh = COALESCE(sessions.start_wh, excluded.start_wh), offline = excluded.offline",
                    ("@pile", pile), ("@session", e.GetProperty("session").GetString()), ("@tag", e.GetProperty("idTag").GetString()),
                    ("@at", atS), ("@start", Long(e, "startWh")), ("@offline", e.GetProperty("offline").GetBoolean() ? 1 : 0));
                break;
            case "session-end":
                SessionEnd(t, pile, e, atS);
                break;
            case "fault-raised" or "fault-cleared":
                db.Execute(t,
                    "INSERT INTO faults (pile, boot, seq, code, detail, raised, at_s) VALUES (@pile, @boot, @seq, @code, @detail, @raised, @at) " +
                    "ON CONFLICT (pile, boot, seq) DO NOTHING",
                    ("@pile", pile), ("@boot", boot), ("@seq", seq), ("@code", e.GetProperty("code").GetString()),
                    ("@detail", e.GetProperty("detail").GetString()), ("@raised", kind == "fault-raised" ? 1 : 0), ("@at", atS));
                break;
        }
        return Ingested.Stored;
    }

    private void SessionEnd(DbTransaction t, string pile, JsonElement e, long atS)
    {
        var bands = e.TryGetProperty("bandsWh", out var b) ? b.EnumerateArray().Select(x => (long?)x.GetInt64()).ToArray() : Array.Empty<long?>();
        long? Band(int i) => i < bands.Length ? bands[i] : null;
        db.Execute(t,
            "INSERT INTO sessions (pile, session, id_tag, ended_s, start_wh, stop_wh, last_wh, energy_wh, band0_wh, band1_wh, band2_wh, band3_wh, reason, offline, unmetered, solar_wh) " +
            "VALUES (@pile, @session, @tag, @at, @start, @stop, @last, @energy, @b0, @b1, @b2, @b3, @reason, @offline, @unmetered, @solar) " +
            "ON CONFLICT (pile, session) DO UPDATE SET ended_s = excluded.ended_s, start_wh = COALESCE(excluded.start_wh, sessions.start_wh), " +
            "stop_wh = excluded.stop_wh, last_wh = excluded.last_wh, energy_wh = excluded.energy_wh, band0_wh = excluded.band0_wh, " +
            "band1_wh = excluded.band1_wh, band2_wh = excluded.band2_wh, band3_wh = excluded.band3_wh, reason = excluded.reason, " +
            "unmetered = excluded.unmetered, solar_wh = excluded.solar_wh, id_tag = COALESCE(sessions.id_tag, excluded.id_tag), offline = COALESCE(sessions.offline, excluded.offline)",
            ("@pile", pile), ("@session", e.GetProperty("session").GetString()), ("@tag", e.GetProperty("idTag").GetString()), ("@at", atS),
            ("@start", Long(e, "startWh")), ("@stop", Long(e, "stopWh")), ("@last", Long(e, "lastWh")), ("@energy", Long(e, "energyWh")),
            ("@b0", Band(0)), ("@b1", Band(1)), ("@b2", Band(2)), ("@b3", Band(3)), ("@reason", e.GetProperty("reason").GetString()),
            ("@offline", e.GetProperty("offline").GetBoolean() ? 1 : 0), ("@unmetered", e.GetProperty("unmetered").GetBoolean() ? 1 : 0),
            ("@solar", Long(e, "solarWh")));
    }

    private Ingested Status(DbTransaction t, string pile, JsonElement s, long atS)
    {
        var online = s.GetProperty("online").GetBoolean() ? 1 : 0;
        string? Text(string name) => s.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        var faults = s.TryGetProperty("faults", out var f) ? string.Join(",", f.EnumerateArray().Select(x => x.GetProperty("detail").GetString())) : null;
        long? boot = s.TryGetProperty("boot", out var bo) ? bo.GetProperty("number").GetInt64() : null;
        db.Execute(t, "INSERT INTO statuses (pile, at_s, online, status, error, faults) VALUES (@pile, @at, @online, @status, @error, @faults)",
            ("@pile", pile), ("@at", atS), ("@online", online), ("@status", Text("status")), ("@error", Text("error")), ("@faults", faults));
        KnowPile(t, pile);
        // the latest status wins; offline and faulted keep the time they began while they last
        db.Execute(t,
            "UPDATE piles SET online = @online, status = COALESCE(@status, status), error = COALESCE(@error, error), " +
            "faults = CASE WHEN @online = 1 THEN @faults ELSE faults END, boot = COALESCE(@boot, boot), status_s = @at, " +
            "offline_since_s = CASE WHEN @online = 1 THEN NULL ELSE COALESCE(offline_since_s, @at) END, " +
            "faulted_since_s = CASE WHEN @online = 0 THEN faulted_since_s WHEN @faults = '' THEN NULL ELSE COALESCE(faulted_since_s, @at) END " +
            "WHERE pile = @pile AND (status_s IS NULL OR status_s <= @at)",
            ("@pile", pile), ("@online", online), ("@status", Text("status")), ("@error", Text("error")), ("@faults", faults),
            ("@boot", boot), ("@at", atS));
        Count(t, "statuses");
        return Ingested.Stored;
    }

    private Ingested Telemetry(DbTransaction t, string pile, JsonElement m, long atS)
    {
        db.Execute(t, "INSERT INTO telemetry (pile, at_s, energy_wh, power_w, cp) VALUES (@pile, @at, @energy, @power, @cp)",
            ("@pile", pile), ("@at", atS), ("@energy", Long(m, "energyWh")), ("@power", Long(m, "powerW")),
            ("@cp", m.TryGetProperty("cp", out var cp) ? cp.GetString() : null));
        KnowPile(t, pile);
        Count(t, "telemetry");
        return Ingested.Stored;
    }

    private void KnowPile(DbTransaction t, string pile) =>
        db.Execute(t, "INSERT INTO piles (pile, township, dedicated) VALUES (@pile, @township, @dedicated) ON CONFLICT (pile) DO NOTHING",
            ("@pile", pile), ("@township", PileNames.TownshipOf(pile)), ("@dedicated", PileNames.IsDedicated(pile) ? 1 : 0));

    private void Count(DbTransaction? t, string name) =>
        db.Execute(t, "INSERT INTO counters (name, value) VALUES (@name, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1", ("@name", name));

    private Ingested Reject(string topic, byte[] payload, string why)
    {
        Console.Error.WriteLine($"CountyLedger: refused a message on {topic} ({why}): {Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 200))}");
        db.InTransaction(t =>
        {
            Count(t, "rejected");
            return 0;
        });
        return Ingested.Rejected;
    }

    /// <summary>The message's `time`, else the ledger's clock; the clock learns from every time it sees.</summary>
    private long TimeOf(JsonElement message)
    {
        if (message.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String &&
            DateTimeOffset.TryParse(time.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            clock.Saw(at.ToUnixTimeSeconds());
            return at.ToUnixTimeSeconds();
        }
        return clock.NowS;
    }

    private static long? Long(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}

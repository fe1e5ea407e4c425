using System.Text.Json;

namespace ChargeController.PileUpdate;

/// <summary>
/// What the rollout knows of one pile: the version it ran, where its update is, and why it ended as it did. Fed the
/// pile's retained status, the result of its update command and its update events (docs/mqtt-api.md, Updates); only
/// events of the package's version (or of none yet: a refusal before the manifest is trusted) count, once the command
/// went out (an older update's events may still drain from a pile's outbox).
/// </summary>
internal sealed class PileRecord(string id, bool canary, string toVersion)
{
    /// <summary>Not offered yet, or offered and under way, or one of the ends (<see cref="Ended"/>).</summary>
    public const string Waiting = "waiting", Sent = "sent", Confirmed = "confirmed", Rejected = "rejected", RolledBack = "rolled-back",
        Refused = "refused", NoAnswer = "no-answer", TimedOut = "timed-out", NotOffered = "not-offered";

    public string Id { get; } = id;
    public bool Canary { get; } = canary;
    public string FromVersion { get; private set; } = "?";
    public string State { get; private set; } = Waiting;
    public string Reason { get; private set; } = "";
    /// <summary>How much of the package it staged, 0 to 100.</summary>
    public int Percent { get; private set; }
    public bool Online { get; private set; }
    public string CommandId { get; private set; } = "";
    public DateTime SentAtUtc { get; private set; }
    /// <summary>Its retained status says it runs the package's version already.</summary>
    public bool Current { get; private set; }

    public bool Offered => State != Waiting && State != NotOffered;
    public bool Ended => State is Confirmed or Rejected or RolledBack or Refused or NoAnswer or TimedOut or NotOffered;
    public bool Failed => Ended && State != Confirmed && State != NotOffered;
    /// <summary>Still without an answer to its command.</summary>
    public bool Unanswered => State == Sent;

    public void Offer(string commandId, DateTime nowUtc)
    {
        CommandId = commandId;
        SentAtUtc = nowUtc;
        State = Sent;
    }

    /// <summary>Already on the package's version: nothing to send.</summary>
    public void AlreadyCurrent()
    {
        State = Confirmed;
        Reason = "already";
        Percent = 100;
    }

    public void End(string state, string reason)
    {
        State = state;
        Reason = reason;
    }

    public void Status(JsonElement status)
    {
        Online = status.TryGetProperty("online", out var online) && online.ValueKind == JsonValueKind.True;
        if (Online && status.TryGetProperty("firmware", out var firmware) && firmware.GetString() is { } running)
        {
            if (!Offered)
                FromVersion = running;
            Current = running == toVersion;
        }
    }

    public void Result(JsonElement result)
    {
        if (State != Sent || Text(result, "id") != CommandId)
            return;
        if (Text(result, "status") == "Accepted")
            State = "offered";
        else
            End(Refused, Text(result, "reason") ?? "refused");
    }

    public void UpdateEvent(JsonElement e)
    {
        // a refusal before the manifest is trusted names no version
        if (!Offered || Ended || (Text(e, "version") is { } version && version != toVersion))
            return;
        var state = Text(e, "state") ?? "";
        if (Text(e, "fromVersion") is { } from)
            FromVersion = from;
        if (state == "downloading" && e.TryGetProperty("bytes", out var bytes) && e.TryGetProperty("totalBytes", out var total) &&
            total.TryGetInt64(out var totalBytes) && totalBytes > 0)
            Percent = (int)Math.Min(99, 100 * bytes.GetInt64() / totalBytes);
        if (state is "verified" or "switching" or "trial" or Confirmed)
            Percent = 100;
        if (state is Rejected or RolledBack)
            End(state, Text(e, "reason") ?? "");
        else
            State = state;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

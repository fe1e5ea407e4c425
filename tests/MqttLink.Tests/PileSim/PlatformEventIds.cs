using System.Text.Json;

namespace ChargeController.MqttLink.Tests.PileSim;

/// <summary>How the platform names a pile's events, and how a pile's JSON trace names the same ones.</summary>
internal static class PlatformEventIds
{
    public static (int Boot, int Seq) IdOf(string eventText)
    {
        var root = JsonDocument.Parse(eventText).RootElement;
        return (root.GetProperty("boot").GetInt32(), root.GetProperty("seq").GetInt32());
    }

    /// <summary>
    /// What identifies a platform event alike in the trace's line for it and in the message: "boot 2", "session-start 1-1";
    /// null for any other line.
    /// </summary>
    public static string? PlatformEventOf(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        if (root.TryGetProperty("event", out var name))
            return name.GetString() == "boot" ? "boot " + root.GetProperty("boot").GetInt32() : name.GetString() + " " + root.GetProperty("session").GetString();
        if (!root.TryGetProperty("ev", out var ev))
            return null;
        return ev.GetString() switch
        {
            "boot" => "boot " + root.GetProperty("number").GetInt32(),
            "session" when root.GetProperty("phase").GetString() is "start" or "end" =>
                "session-" + root.GetProperty("phase").GetString() + " " + root.GetProperty("id").GetString(),
            _ => null,
        };
    }
}

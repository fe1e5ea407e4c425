using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChargeController.UpdateServer;

/// <summary>
/// A pile's request on &lt;root&gt;/update/get:
/// {"v":1,"pile":"cc-0001","package":"cc-1.4.0","file":"manifest.json","offset":0,"length":2048}.
/// </summary>
public sealed partial record ChunkRequest(string Pile, string Package, string File, int Offset, int Length)
{
    public const int MaxLength = ChunkAnswer.MaxDataBytes;

    /// <summary>File and package names: 1..48 characters of [A-Za-z0-9._-].</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,48}$")]
    public static partial Regex NamePattern();

    /// <summary>The request, or null with <paramref name="error"/> saying what is wrong with it.</summary>
    public static ChunkRequest? Parse(ReadOnlySpan<byte> json, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Fail("not a JSON object", out error);
            if (Int(root, "v") != 1)
                return Fail("v must be 1", out error);
            var pile = Text(root, "pile");
            var package = Text(root, "package");
            var file = Text(root, "file");
            var offset = Int(root, "offset");
            var length = Int(root, "length");
            if (pile is null || pile.Length == 0)
                return Fail("pile must name the pile", out error);
            if (package is null || !NamePattern().IsMatch(package))
                return Fail("package must be 1 to 48 of A-Z a-z 0-9 . _ -", out error);
            if (file is null || !NamePattern().IsMatch(file))
                return Fail("file must be 1 to 48 of A-Z a-z 0-9 . _ -", out error);
            if (offset is null or < 0)
                return Fail("offset must be a whole number from 0", out error);
            if (length is null or < 1 or > MaxLength)
                return Fail($"length must be 1 to {MaxLength}", out error);
            error = null;
            return new ChunkRequest(pile, package, file, offset.Value, length.Value);
        }
        catch (JsonException e)
        {
            return Fail("not JSON: " + e.Message, out error);
        }
    }

    private static ChunkRequest? Fail(string why, out string? error)
    {
        error = why;
        return null;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;
}

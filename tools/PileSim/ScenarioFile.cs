using System.Text;

namespace ChargeController.PileSim;

/// <summary>A scenario file read as text, or a one-line reason why it is not one.</summary>
internal static class ScenarioFile
{
    public static string? Read(string path, out string? problem)
    {
        problem = null;
        if (Directory.Exists(path))
            problem = $"{path} is a directory: name a scenario file in it (tests/scenarios/*.scn are examples)";
        else if (!File.Exists(path))
            problem = $"no such scenario file: {path}";
        if (problem != null)
            return null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read {path}: {e.Message}";
            return null;
        }
        var text = Decode(bytes);
        if (text == null)
            problem = $"{path} is not a scenario: it is not text (a scenario has one '<time> <verb>' a line; see docs/scenarios.md)";
        return text;
    }

    /// <summary>UTF-8 text without NUL or other control characters but tab, CR and LF, else null.</summary>
    private static string? Decode(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        return text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')) ? null : text;
    }
}

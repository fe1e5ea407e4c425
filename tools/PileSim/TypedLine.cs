using System.Text;

namespace ChargeController.PileSim;

/// <summary>
/// A line as typed at a terminal, made safe to parse and to echo: escape sequences (arrow keys, colours) and control
/// characters (Ctrl-L, backspace) are dropped, and a line too long to be a verb is cut.
/// </summary>
public static class TypedLine
{
    /// <summary>Longer than any verb with its argument: the rest is never parsed or echoed.</summary>
    public const int MaxLength = 200;

    public static string Clean(string line)
    {
        var clean = new StringBuilder(Math.Min(line.Length, MaxLength));
        for (var i = 0; i < line.Length && clean.Length < MaxLength; i++)
        {
            var c = line[i];
            if (c == '\u001b')
                i = EndOfEscape(line, i);
            else if (c == '\t')
                clean.Append(' ');
            else if (!char.IsControl(c))
                clean.Append(c);
        }
        return clean.ToString();
    }

    /// <summary>The last character of the escape sequence at <paramref name="start"/>: CSI "ESC [ ... final", else ESC and one more.</summary>
    private static int EndOfEscape(string line, int start)
    {
        if (start + 1 >= line.Length || line[start + 1] != '[')
            return start + 1;
        var i = start + 2;
        while (i < line.Length && !(line[i] >= '@' && line[i] <= '~'))
            i++;
        return i;
    }
}

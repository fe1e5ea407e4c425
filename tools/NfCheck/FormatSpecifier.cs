namespace ChargeController.NfCheck;

/// <summary>nanoFramework formats numbers with D, F, G, N and X (and a precision) only; anything else is a custom format.</summary>
public static class FormatSpecifier
{
    public static bool IsSupported(string specifier)
    {
        if (specifier.Length == 0)
            return true;
        if ("DdFfGgNnXx".IndexOf(specifier[0]) < 0)
            return false;
        return specifier.Length <= 3 && specifier.Skip(1).All(char.IsAsciiDigit);
    }

    /// <summary>The format parts of a composite format string: "{0,5:X4} {1}" gives "X4" and "".</summary>
    public static IEnumerable<string> ItemFormats(string composite)
    {
        for (var i = 0; i < composite.Length; i++)
        {
            if (composite[i] != '{')
                continue;
            if (i + 1 < composite.Length && composite[i + 1] == '{')
            {
                i++; // escaped brace
                continue;
            }
            var end = composite.IndexOf('}', i);
            if (end < 0)
                yield break;
            var item = composite.Substring(i + 1, end - i - 1);
            var colon = item.IndexOf(':');
            yield return colon < 0 ? "" : item[(colon + 1)..];
            i = end;
        }
    }
}

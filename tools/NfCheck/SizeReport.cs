using System.Reflection.Metadata;

namespace ChargeController.NfCheck;

/// <summary>How much an assembly weighs on the device: IL bytes, types, methods and the largest methods.</summary>
public sealed record SizeReport(string Assembly, int IlBytes, int Types, int Methods, IReadOnlyList<(string Method, int IlBytes)> Largest)
{
    public const int LargestShown = 5;

    public static SizeReport Of(CheckedAssembly assembly)
    {
        var reader = assembly.Reader;
        var sizes = new List<(string, int)>();
        foreach (var handle in reader.MethodDefinitions)
        {
            var body = assembly.BodyOf(handle);
            if (body != null)
                sizes.Add((TypeNames.MethodOf(reader, handle), body.Size));
        }
        var largest = sizes.OrderByDescending(s => s.Item2).ThenBy(s => s.Item1, StringComparer.Ordinal).Take(LargestShown).ToList();
        return new SizeReport(assembly.Name, sizes.Sum(s => s.Item2), reader.TypeDefinitions.Count, reader.MethodDefinitions.Count, largest);
    }

    public IEnumerable<string> Lines()
    {
        yield return $"{Assembly}: {IlBytes} IL bytes, {Types} types, {Methods} methods";
        foreach (var (method, bytes) in Largest)
            yield return $"  {bytes,6}  {method}";
    }
}

using System.Reflection.Metadata;

namespace ChargeController.NfCheck;

/// <summary>
/// How much an assembly weighs on the device: IL bytes, types, methods, the largest methods, and its byte code against
/// the most MetadataProcessor can convert (<see cref="ByteCode"/>), so the headroom shows before NF012 refuses it.
/// </summary>
public sealed record SizeReport(string Assembly, int IlBytes, int ByteCodeBytes, int Types, int Methods,
    IReadOnlyList<(string Method, int IlBytes)> Largest)
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
        return new SizeReport(assembly.Name, sizes.Sum(s => s.Item2), ByteCode.Of(assembly), reader.TypeDefinitions.Count, reader.MethodDefinitions.Count, largest);
    }

    public IEnumerable<string> Lines()
    {
        yield return $"{Assembly}: {IlBytes} IL bytes, {Types} types, {Methods} methods";
        yield return $"{Assembly}: byte code {ByteCode.Text(ByteCodeBytes)} of {ByteCode.Text(ByteCode.Limit)}";
        foreach (var (method, bytes) in Largest)
            yield return $"  {bytes,6}  {method}";
    }
}

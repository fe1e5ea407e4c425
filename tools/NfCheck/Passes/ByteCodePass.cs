namespace ChargeController.NfCheck.Passes;

/// <summary>
/// An assembly whose method bodies, laid out as MetadataProcessor lays them out (<see cref="ByteCode"/>), pass the 65,535
/// bytes its 16-bit offsets address: the conversion to .pe stops with "Byte code table overflow", and nothing in
/// `dotnet build` runs it. Reported once per assembly with its size and the limit.
/// </summary>
public sealed class ByteCodePass : ICheckPass
{
    public void Run(CheckedAssembly assembly)
    {
        var bytes = ByteCode.Of(assembly);
        if (bytes > ByteCode.Limit)
            assembly.Report(Rule.ByteCodeOverflow, "assembly", $"byte code of {ByteCode.Text(bytes)} bytes passes the {ByteCode.Text(ByteCode.Limit)} " +
                "MetadataProcessor can address (16-bit offsets): the conversion to .pe stops with \"Byte code table overflow\"; " +
                "move code into another device assembly (docs/nfcheck.md).");
    }
}

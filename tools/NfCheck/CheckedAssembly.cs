using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ChargeController.NfCheck;

/// <summary>One device assembly opened for checking, with the findings the passes report against it.</summary>
public sealed class CheckedAssembly : IDisposable
{
    private readonly PEReader _pe;
    private readonly List<Finding> _findings = new();
    private readonly HashSet<string> _reported = new();

    public CheckedAssembly(string path, TypeIndex types)
    {
        _pe = new PEReader(File.OpenRead(path));
        Reader = _pe.GetMetadataReader();
        Name = Reader.GetString(Reader.GetAssemblyDefinition().Name);
        Types = types;
        Names = new SignatureNames(Reader);
    }

    public MetadataReader Reader { get; }
    public string Name { get; }
    public TypeIndex Types { get; }
    public SignatureNames Names { get; }
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Reports once per rule, place and message: the same problem used twice in a method is one finding.</summary>
    public void Report(Rule rule, string location, string message)
    {
        var finding = new Finding(rule, Name, location, message);
        if (_reported.Add(finding.ToString()))
            _findings.Add(finding);
    }

    public MethodBodyBlock? BodyOf(MethodDefinitionHandle handle)
    {
        var rva = Reader.GetMethodDefinition(handle).RelativeVirtualAddress;
        return rva == 0 ? null : _pe.GetMethodBody(rva);
    }

    /// <summary>Every method with a body, with its decoded instructions.</summary>
    public IEnumerable<(MethodDefinitionHandle Handle, string Location, List<IlInstruction> Instructions)> MethodBodies()
    {
        foreach (var handle in Reader.MethodDefinitions)
        {
            var body = BodyOf(handle);
            if (body != null)
                yield return (handle, TypeNames.MethodOf(Reader, handle), IlReader.Read(body));
        }
    }

    public CallTarget Call(IlInstruction instruction) =>
        CallTarget.Resolve(Reader, MetadataTokens.EntityHandle(instruction.Token), Names);

    public string TypeOperand(IlInstruction instruction) =>
        TypeNames.Of(Reader, MetadataTokens.EntityHandle(instruction.Token), Names);

    public string StringOperand(IlInstruction instruction) =>
        Reader.GetUserString(MetadataTokens.UserStringHandle(instruction.Token & 0x00FFFFFF));

    public void Dispose() => _pe.Dispose();
}

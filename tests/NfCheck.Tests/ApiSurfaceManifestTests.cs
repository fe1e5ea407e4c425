using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ChargeController.NfCheck;
using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>
/// hal/Esp32/ApiSurface/manifest.txt lists every public member of every surface (enum values included) under a header that
/// names the library's source it was checked against. A member added to a surface, or changed, fails here until its line
/// is in the manifest: nothing enters a surface without someone having recorded where it was verified.
/// </summary>
public class ApiSurfaceManifestTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "apisurface");

    private static string ManifestPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "nf.proj")))
            directory = directory.Parent;
        return Path.Combine(directory.FullName, "hal", "Esp32", "ApiSurface", "manifest.txt");
    }

    /// <summary>"# Assembly Version: source" headers, then one line per member: "Assembly | Type::Member(parameters) : return".</summary>
    private static List<string> Declared()
    {
        var lines = new List<string>();
        foreach (var path in Directory.GetFiles(Folder, "*.dll").OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal))
        {
            using var pe = new PEReader(File.OpenRead(path));
            var reader = pe.GetMetadataReader();
            var assembly = reader.GetString(reader.GetAssemblyDefinition().Name);
            lines.Add("# " + assembly + " " + reader.GetAssemblyDefinition().Version);
            var names = new SignatureNames(reader);
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if (!IsVisible(reader, type))
                    continue;
                var typeName = TypeNames.Of(reader, handle);
                lines.Add(assembly + " | " + typeName);
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    var access = method.Attributes & MethodAttributes.MemberAccessMask;
                    if (access != MethodAttributes.Public && access != MethodAttributes.Family && access != MethodAttributes.FamORAssem)
                        continue;
                    var signature = method.DecodeSignature(names, null);
                    lines.Add(assembly + " | " + typeName + "::" + reader.GetString(method.Name) + "(" + string.Join(",", signature.ParameterTypes) + ") : " + signature.ReturnType);
                }
                foreach (var fieldHandle in type.GetFields())
                {
                    var field = reader.GetFieldDefinition(fieldHandle);
                    if ((field.Attributes & FieldAttributes.FieldAccessMask) != FieldAttributes.Public || (field.Attributes & FieldAttributes.RTSpecialName) != 0)
                        continue; // an enum's value__ is not a member anyone declares
                    var constant = field.GetDefaultValue();
                    var value = constant.IsNil ? "" : " = " + ConstantText(reader, reader.GetConstant(constant));
                    lines.Add(assembly + " | " + typeName + "::" + reader.GetString(field.Name) + " : " + field.DecodeSignature(names, null) + value);
                }
            }
        }
        return lines;
    }

    private static bool IsVisible(MetadataReader reader, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (visibility == TypeAttributes.Public)
            return true;
        return visibility == TypeAttributes.NestedPublic && IsVisible(reader, reader.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static string ConstantText(MetadataReader reader, Constant constant)
    {
        var blob = reader.GetBlobReader(constant.Value);
        return constant.TypeCode switch
        {
            ConstantTypeCode.Int32 => blob.ReadInt32().ToString(),
            ConstantTypeCode.UInt32 => blob.ReadUInt32().ToString(),
            ConstantTypeCode.Byte => blob.ReadByte().ToString(),
            ConstantTypeCode.Int16 => blob.ReadInt16().ToString(),
            ConstantTypeCode.UInt16 => blob.ReadUInt16().ToString(),
            ConstantTypeCode.Int64 => blob.ReadInt64().ToString(),
            _ => constant.TypeCode.ToString(),
        };
    }

    [Fact]
    public void EverySurfaceMemberIsRecordedWithTheSourceItWasCheckedAgainst()
    {
        var manifest = File.ReadAllLines(ManifestPath());
        var recorded = manifest.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var declared = Declared();
        var members = declared.Where(l => !l.StartsWith('#')).ToList();
        var unrecorded = members.Except(recorded).ToList();
        var stale = recorded.Except(members).ToList();
        Assert.True(unrecorded.Count == 0 && stale.Count == 0,
            "manifest.txt is out of step with the surfaces. Not recorded (check each against the library's source, then add):\n" +
            string.Join("\n", unrecorded) + "\nRecorded but not declared:\n" + string.Join("\n", stale));
        foreach (var header in declared.Where(l => l.StartsWith('#')))
            Assert.True(manifest.Any(l => l.StartsWith(header + ": ") && l.Length > header.Length + 10),
                "manifest.txt needs a line '" + header + ": <repository, tag and commit read>' for that surface");
    }
}

using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ChargeController.NfCheck;

/// <summary>
/// The assemblies named on the command line, made ready to check: a folder stands for the dlls in it, a file that is no
/// .NET assembly is refused in words, and an assembly a checked one references is found beside it, so checking one
/// device assembly alone works as it does with its siblings named.
/// </summary>
public static class AssemblyFiles
{
    /// <param name="paths">files and folders that exist</param>
    /// <returns>the dll files, or null with <paramref name="problem"/></returns>
    public static List<string>? Expand(IEnumerable<string> paths, out string? problem)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var dlls = Directory.GetFiles(path, "*.dll").Order().ToArray();
                if (dlls.Length == 0)
                {
                    problem = $"{path} is a folder without any .dll in it";
                    return null;
                }
                files.AddRange(dlls);
            }
            else
            {
                files.Add(path);
            }
        }
        problem = files.Select(NotAnAssembly).FirstOrDefault(p => p != null);
        return problem == null ? files : null;
    }

    /// <returns>why the file is not a .NET assembly, or null when it is one</returns>
    public static string? NotAnAssembly(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (pe.HasMetadata && pe.GetMetadataReader().IsAssembly)
                return null;
        }
        catch (BadImageFormatException)
        {
        }
        return $"{path} is not a .NET assembly: name the device assemblies (.dll) that dotnet build nf.proj makes";
    }

    /// <summary>The assemblies the checked ones reference that lie beside them and are neither checked nor named as references.</summary>
    public static List<string> Siblings(IReadOnlyList<string> checkedPaths, IReadOnlyList<string> references)
    {
        var known = new HashSet<string>(checkedPaths.Concat(references).Select(Path.GetFileNameWithoutExtension)!);
        var siblings = new List<string>();
        foreach (var path in checkedPaths)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.AssemblyReferences)
            {
                var name = reader.GetString(reader.GetAssemblyReference(handle).Name);
                var sibling = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, name + ".dll");
                if (File.Exists(sibling) && known.Add(name))
                    siblings.Add(sibling);
            }
        }
        return siblings;
    }
}

using System.Text.Json;

namespace ChargeController.UpdateServer;

/// <summary>
/// One package directory as the server offers it: manifest.json, manifest.sig and the files the manifest names, nothing
/// else (a request for another file in the directory is not found). Files are read per request, never held whole.
/// </summary>
public sealed class ServedPackage
{
    public const string ManifestFile = "manifest.json";
    public const string SignatureFile = "manifest.sig";

    private readonly HashSet<string> _files;

    private ServedPackage(string directory, string name, string version, HashSet<string> files, int manifestBytes)
    {
        Directory = directory;
        Name = name;
        Version = version;
        _files = files;
        ManifestBytes = manifestBytes;
    }

    public string Directory { get; }
    /// <summary>The manifest's "package": what an update command names and the piles ask for.</summary>
    public string Name { get; }
    public string Version { get; }
    /// <summary>The size of manifest.json, which the update command carries.</summary>
    public int ManifestBytes { get; }
    public IReadOnlyCollection<string> Files => _files;

    /// <summary>Reads the directory's manifest (not its signature: the piles judge that).</summary>
    /// <exception cref="InvalidDataException">the directory holds no package the server can offer, and why</exception>
    public static ServedPackage Open(string directory)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
            throw new InvalidDataException($"{directory}: no {ManifestFile}");
        if (!File.Exists(Path.Combine(directory, SignatureFile)))
            throw new InvalidDataException($"{directory}: no {SignatureFile}");
        var bytes = File.ReadAllBytes(manifestPath);
        try
        {
            using var manifest = JsonDocument.Parse(bytes);
            var root = manifest.RootElement;
            var name = root.GetProperty("package").GetString() ?? "";
            if (!ChunkRequest.NamePattern().IsMatch(name))
                throw new InvalidDataException($"{manifestPath}: package must be 1 to 48 of A-Z a-z 0-9 . _ -");
            var files = new HashSet<string>(StringComparer.Ordinal) { ManifestFile, SignatureFile };
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                var fileName = file.GetProperty("name").GetString() ?? "";
                if (!ChunkRequest.NamePattern().IsMatch(fileName) || !File.Exists(Path.Combine(directory, fileName)))
                    throw new InvalidDataException($"{directory}: the manifest names '{fileName}', which is not a file there");
                files.Add(fileName);
            }
            return new ServedPackage(directory, name, root.GetProperty("version").GetString() ?? "", files, bytes.Length);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{manifestPath}: not a manifest ({e.Message})");
        }
    }

    public bool Holds(string file) => _files.Contains(file);

    /// <summary>The bytes of <paramref name="file"/> from <paramref name="offset"/> (at most <paramref name="length"/>), and its size.</summary>
    public byte[] Read(string file, int offset, int length, out int totalBytes)
    {
        using var stream = File.OpenRead(Path.Combine(Directory, file));
        totalBytes = (int)stream.Length;
        if (offset >= totalBytes)
            return [];
        stream.Position = offset;
        var data = new byte[Math.Min(length, totalBytes - offset)];
        stream.ReadExactly(data);
        return data;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChargeController.Loader;
using ChargeController.Tools;

namespace ChargeController.PileUpdate;

/// <summary>
/// `pack`: manifest.json (the contract's members in its order, compact), its signature, and the files, into one folder;
/// then the package is checked with the pile's own code (UpdateManifest, SlotVerifier, Sha256) before the tool says done.
/// </summary>
internal static class Pack
{
    public static int Run(CommandLine cli, Options options)
    {
        if (options.Unknown("--key", "--version", "--board", "--expires-days", "--out", "--package", "--loader-min", "--allow-older", "--next-key") is { } unknown)
            return cli.Usage(unknown);
        foreach (var required in new[] { "--key", "--version", "--board", "--expires-days", "--out" })
            if (options.Value(required) == null)
                return cli.Usage($"pack needs {required}");
        var version = options.Value("--version")!;
        if (UpdateVersion.Parse(version) == UpdateVersion.None)
            return cli.Usage($"--version '{version}' is not major.minor.patch (each 0 to 999)");
        var board = options.Value("--board")!;
        var package = options.Value("--package") ?? "cc-" + version;
        foreach (var (option, name) in new[] { ("--board", board), ("--package", package) })
            if (!UpdateNames.IsValid(name))
                return cli.Usage($"{option} '{name}' is not 1 to 48 characters of A-Z a-z 0-9 . _ -");
        if (!int.TryParse(options.Value("--expires-days"), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1 || days > 3650)
            return cli.Usage("--expires-days is a whole number of days from 1 to 3650");
        var loaderMin = 1;
        if (options.Value("--loader-min") is { } loaderText &&
            (!int.TryParse(loaderText, NumberStyles.None, CultureInfo.InvariantCulture, out loaderMin) || loaderMin < 1))
            return cli.Usage("--loader-min is a whole number from 1");
        var files = options.Operands;
        if (files.Count < 1 || files.Count > UpdateManifest.MaxFiles)
            return cli.Usage($"pack takes 1 to {UpdateManifest.MaxFiles} files (.pe), in load order");
        var names = files.Select(Path.GetFileName).ToList();
        if (names.FirstOrDefault(name => !UpdateNames.IsValid(name)) is { } badName)
            return cli.Usage($"file name '{badName}' is not 1 to 48 characters of A-Z a-z 0-9 . _ -");
        if (names.GroupBy(name => name).FirstOrDefault(group => group.Count() > 1) is { } twice)
            return cli.Usage($"two files are named {twice.Key}");

        var rsa = KeyFiles.ReadPrivate(options.Value("--key")!, out var keyId, out var keyProblem);
        if (rsa == null)
            return cli.Fail(keyProblem!);
        using (rsa)
        {
            byte[]? nextKey = null;
            if (options.Value("--next-key") is { } nextPath && !TryRead(nextPath, out nextKey, out var readProblem))
                return cli.Fail(readProblem!);
            var next = new UpdateKey();
            if (nextKey != null && (!next.Read(nextKey, 0, nextKey.Length) || next.PreviousKeyId != null))
                return cli.Fail($"{options.Value("--next-key")} is not an update-key.bin (key id, then a 2048-bit modulus)");
            var contents = new List<byte[]>();
            foreach (var file in files)
            {
                if (!TryRead(file, out var content, out var problem))
                    return cli.Fail(problem!);
                if (content.Length < 1 || content.Length > UpdateManifest.MaxFileBytes)
                    return cli.Fail($"{file} has {content.Length} bytes: a file is 1 to {UpdateManifest.MaxFileBytes} bytes");
                contents.Add(content);
            }
            var expires = DateTime.UtcNow.Date.AddDays(days + 1);
            var manifest = Manifest(package, version, board, loaderMin, options.Flag("--allow-older"), expires, keyId, names, contents, nextKey);
            if (manifest.Length > UpdateManifest.MaxBytes)
                return cli.Fail($"manifest.json would have {manifest.Length} bytes, more than {UpdateManifest.MaxBytes}: fewer files or shorter names");
            var signature = rsa.SignData(manifest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var publicKey = KeyFiles.PublicKeyFile(rsa, keyId);
            if (Check(manifest, signature, publicKey, contents) is { } broken)
                return cli.Fail($"the package does not check out with the pile's code: {broken}");
            var dir = options.Value("--out")!;
            try
            {
                Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, UpdateManifest.ManifestName), manifest);
                File.WriteAllBytes(Path.Combine(dir, UpdateManifest.SignatureName), signature);
                for (var i = 0; i < names.Count; i++)
                    File.WriteAllBytes(Path.Combine(dir, names[i]!), contents[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return cli.Fail($"cannot write the package into {dir}: {e.Message}");
            }
            Console.WriteLine($"PileUpdate: {package} (version {version}, {board}, key {keyId}, expires {expires:yyyy-MM-dd}): " +
                $"{names.Count} files, {contents.Sum(c => c.Length)} bytes, in {dir}");
            return CommandLine.Ok;
        }
    }

    /// <summary>The manifest in the contract's member order, compact UTF-8.</summary>
    private static byte[] Manifest(string package, string version, string board, int loaderMin, bool allowOlder, DateTime expires,
        string keyId, List<string?> names, List<byte[]> contents, byte[]? nextKey)
    {
        using var buffer = new MemoryStream();
        // relaxed: base64's '+' as itself, not as \u002B (the pile reads both; the manifest stays short and readable)
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("package", package);
            json.WriteString("version", version);
            json.WriteString("board", board);
            json.WriteNumber("loaderMin", loaderMin);
            json.WriteBoolean("allowOlder", allowOlder);
            json.WriteString("expires", expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("keyId", keyId);
            json.WriteStartArray("files");
            for (var i = 0; i < names.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", names[i]);
                json.WriteNumber("size", contents[i].Length);
                json.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(contents[i])));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (nextKey != null)
                json.WriteString("nextKey", Convert.ToBase64String(nextKey));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <returns>null when the pile's code accepts the manifest, its signature and every file; else what it refuses</returns>
    private static string? Check(byte[] manifest, byte[] signature, byte[] publicKey, List<byte[]> contents)
    {
        var key = new UpdateKey();
        key.Read(publicKey, 0, publicKey.Length);
        var verifier = new SlotVerifier(new NoFiles());
        if (verifier.CheckManifest(manifest, manifest.Length, signature, key) is { } reason)
            return reason + ": " + verifier.Detail;
        var sha = new Sha256();
        var digest = new byte[Sha256.DigestBytes];
        for (var i = 0; i < contents.Count; i++)
        {
            sha.Update(contents[i], 0, contents[i].Length);
            sha.Final(digest);
            if (!verifier.Manifest.HashMatches(i, digest) || verifier.Manifest.FileSize(i) != contents[i].Length)
                return "file " + verifier.Manifest.FileName(i) + " does not match its manifest entry";
        }
        return null;
    }

    private static bool TryRead(string path, out byte[] content, out string? problem)
    {
        problem = null;
        content = Array.Empty<byte>();
        try
        {
            content = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read {path}: {e.Message}";
            return false;
        }
    }

    /// <summary>The package is checked in memory: the verifier reads no files.</summary>
    private sealed class NoFiles : ILoaderFiles
    {
        public int Length(string name) => -1;
        public int Read(string name, int position, byte[] into, int offset, int count) => 0;
        public bool Write(string name, byte[] data, int offset, int count) => false;
    }
}

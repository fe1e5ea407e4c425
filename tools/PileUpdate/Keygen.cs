using System.Security.Cryptography;
using ChargeController.Loader;
using ChargeController.Tools;

namespace ChargeController.PileUpdate;

/// <summary>`keygen`: a new signing key pair; never over an existing private key.</summary>
internal static class Keygen
{
    public static int Run(CommandLine cli, Options options)
    {
        if (options.Unknown("--out", "--key-id") is { } unknown)
            return cli.Usage(unknown);
        var dir = options.Value("--out");
        if (dir == null || options.Operands.Count > 0)
            return cli.Usage(dir == null ? "keygen needs --out <dir>" : $"keygen takes no files ({options.Operands[0]})");
        var keyId = options.Value("--key-id") ?? "op-" + DateTime.UtcNow.ToString("yyyyMMdd");
        if (!UpdateNames.IsValid(keyId))
            return cli.Usage($"--key-id '{keyId}' is not 1 to 48 characters of A-Z a-z 0-9 . _ -");
        var privatePath = Path.Combine(dir, KeyFiles.PrivateName);
        var publicPath = Path.Combine(dir, UpdateKey.FileName);
        if (File.Exists(privatePath) || File.Exists(publicPath))
            return cli.Fail($"{dir} already holds a key: a new key goes into a new folder (the piles' key rotates with pack --next-key)");
        using var rsa = RSA.Create(2048);
        try
        {
            Directory.CreateDirectory(dir);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 600 from the start, never readable by others
            using (var stream = new FileStream(privatePath, create))
            using (var writer = new StreamWriter(stream))
                writer.Write(KeyFiles.PrivatePem(rsa, keyId));
            File.WriteAllBytes(publicPath, KeyFiles.PublicKeyFile(rsa, keyId));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return cli.Fail($"cannot write the key into {dir}: {e.Message}");
        }
        Console.WriteLine($"PileUpdate: key {keyId}: {privatePath} (private: keep it off the network) and {publicPath} (for the piles)");
        return CommandLine.Ok;
    }
}

using System.Security.Cryptography;
using System.Text;
using ChargeController.Loader;

namespace ChargeController.PileUpdate;

/// <summary>
/// The operator's key pair on disk: update-private.pem (PKCS#8 PEM, with the key id on a line before the PEM block, which
/// PEM readers pass over) and update-key.bin, the public key as the pile holds it (UpdateKey: key id, then the modulus).
/// </summary>
internal static class KeyFiles
{
    public const string PrivateName = "update-private.pem";
    private const string KeyIdLine = "PileUpdate key id: ";

    public static string PrivatePem(RSA rsa, string keyId) => KeyIdLine + keyId + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n";

    public static byte[] PublicKeyFile(RSA rsa, string keyId) =>
        new[] { (byte)keyId.Length }.Concat(Encoding.ASCII.GetBytes(keyId)).Concat(rsa.ExportParameters(false).Modulus!).ToArray();

    /// <returns>the key and its id, or null with <paramref name="problem"/> saying what is wrong with the file</returns>
    public static RSA? ReadPrivate(string path, out string keyId, out string? problem)
    {
        keyId = "";
        problem = null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read {path}: {e.Message}";
            return null;
        }
        var idLine = text.Split('\n').FirstOrDefault(line => line.StartsWith(KeyIdLine));
        keyId = idLine?[KeyIdLine.Length..].Trim() ?? "";
        if (!UpdateNames.IsValid(keyId))
        {
            problem = $"{path} has no key id line ('{KeyIdLine}<id>'): make keys with PileUpdate keygen";
            return null;
        }
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            problem = $"{path} holds no RSA private key in PEM: {e.Message}";
            return null;
        }
        if (rsa.KeySize != 2048 || !rsa.ExportParameters(false).Exponent!.SequenceEqual(new byte[] { 1, 0, 1 }))
        {
            problem = $"{path} is not an RSA-2048 key with exponent 65537";
            return null;
        }
        return rsa;
    }
}

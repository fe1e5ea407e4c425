using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeController.Loader.Tests;

/// <summary>Keys, key files, manifests and signatures made the way the operator's side makes them: with .NET's own RSA.</summary>
internal static class TestKeys
{
    public static readonly RSA Operator = RSA.Create(2048);
    public static readonly RSA Other = RSA.Create(2048);

    /// <summary>update-key.bin: key id length, key id, modulus.</summary>
    public static byte[] KeyFile(RSA rsa, string keyId = "op-2026a") =>
        new[] { (byte)keyId.Length }.Concat(Encoding.ASCII.GetBytes(keyId)).Concat(rsa.ExportParameters(false).Modulus!).ToArray();

    public static UpdateKey Key(RSA rsa, string keyId = "op-2026a")
    {
        var key = new UpdateKey();
        var file = KeyFile(rsa, keyId);
        if (!key.Read(file, 0, file.Length))
            throw new InvalidOperationException("test key file refused");
        return key;
    }

    public static byte[] Sign(byte[] data, RSA? rsa = null) =>
        (rsa ?? Operator).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The contract's example manifest for the given files (name, content), as an editable JSON object.</summary>
    public static JsonObject Manifest(params (string Name, byte[] Content)[] files)
    {
        var list = new JsonArray();
        foreach (var (name, content) in files)
            list.Add(new JsonObject { ["name"] = name, ["size"] = content.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)) });
        return new JsonObject
        {
            ["v"] = 1,
            ["package"] = "cc-1.4.0",
            ["version"] = "1.4.0",
            ["board"] = "esp32-wrover",
            ["loaderMin"] = 1,
            ["allowOlder"] = false,
            ["expires"] = "2027-03-01T00:00:00Z",
            ["keyId"] = "op-2026a",
            ["files"] = list,
        };
    }

    public static byte[] Bytes(JsonNode manifest) => Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
}

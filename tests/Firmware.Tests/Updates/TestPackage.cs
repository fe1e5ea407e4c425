using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeController.Loader;
using ChargeController.Sim.Storage;

namespace ChargeController.Tests.Updates;

/// <summary>Packages as the operator's side makes them (manifest.json, its signature by .NET's RSA, the files), and the pile's key.</summary>
public static class TestPackage
{
    public const string KeyId = "op-2026a";
    public static readonly RSA Operator = RSA.Create(2048);
    public static readonly RSA Stranger = RSA.Create(2048);

    /// <summary>update-key.bin of <see cref="Operator"/> on the pile's flash, as provisioning puts it there.</summary>
    public static void Provision(SimFileStore store)
    {
        var key = new[] { (byte)KeyId.Length }.Concat(Encoding.ASCII.GetBytes(KeyId)).Concat(Operator.ExportParameters(false).Modulus!).ToArray();
        store.Replace(UpdateKey.FileName, key, 0, key.Length);
    }

    /// <summary>Writes the package into <paramref name="folder"/>; a null file is left out.</summary>
    /// <returns>the package's name</returns>
    public static string Write(string folder, string package, string version, RSA signer, params (string Name, byte[] Content)?[] files)
    {
        Directory.CreateDirectory(folder);
        var list = new JsonArray();
        foreach (var file in files)
        {
            if (file is not { } f)
                continue;
            File.WriteAllBytes(Path.Combine(folder, f.Name), f.Content);
            list.Add(new JsonObject { ["name"] = f.Name, ["size"] = f.Content.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(f.Content)) });
        }
        var manifest = new JsonObject
        {
            ["v"] = 1, ["package"] = package, ["version"] = version, ["board"] = "esp32-wrover", ["loaderMin"] = 1, ["allowOlder"] = false,
            ["expires"] = "2027-03-01T00:00:00Z", ["keyId"] = KeyId, ["files"] = list,
        };
        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), bytes);
        File.WriteAllBytes(Path.Combine(folder, "manifest.sig"), signer.SignData(bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return package;
    }
}

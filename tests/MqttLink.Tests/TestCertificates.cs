using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChargeController.MqttLink.Tests;

/// <summary>A CA made for the test run and a server certificate it signs for the broker's address; nothing touches the system trust store.</summary>
public sealed class TestCertificates
{
    public TestCertificates(string serverAddress)
    {
        Ca = MakeCa("ChargeController test CA");
        OtherCa = MakeCa("Somebody else's CA");
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + serverAddress, serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse(serverAddress));
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var server = request.Create(Ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        ServerPem = server.ExportCertificatePem();
        ServerKeyPem = serverKey.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The CA the pile trusts (a pile holds only its certificate; the key here signs the server's).</summary>
    public X509Certificate2 Ca { get; }
    /// <summary>A CA that did not sign the broker's certificate.</summary>
    public X509Certificate2 OtherCa { get; }
    public string CaPem => Ca.ExportCertificatePem();
    public string ServerPem { get; }
    public string ServerKeyPem { get; }

    private static X509Certificate2 MakeCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}

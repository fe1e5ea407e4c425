using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChargeController.MqttLink.Tests;

/// <summary>A CA made for the test run and a server certificate it signs for the broker's address; nothing touches the system trust store.</summary>
public sealed class TestCertificates
{
    public TestCertificates(string serverAddress)
    {
        // one instant for every validity period: a server certificate may not outlive its CA by a clock tick
        var now = DateTimeOffset.UtcNow;
        Ca = MakeCa("ChargeController test CA", now);
        OtherCa = MakeCa("Somebody else's CA", now);
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + serverAddress, serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse(serverAddress));
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var server = request.Create(Ca, now.AddMinutes(-5), now.AddDays(1), serial);
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

    private static X509Certificate2 MakeCa(string name, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
    }
}

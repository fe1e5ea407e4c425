using System.Security.Cryptography.X509Certificates;

namespace ChargeController.MqttLink;

/// <summary>Where the broker is and how to trust it: what the device holds in its deployment config, not in the port.</summary>
/// <param name="TrustedCa">TLS when set: the server's certificate must chain to this CA (and name <see cref="Host"/>, or <see cref="ServerName"/>)</param>
/// <param name="ClientCertificate">a per-pile client certificate with its private key, instead of a password</param>
/// <param name="ServerName">the name the server's certificate must carry when it is not <see cref="Host"/>: the broker's
/// own name when the connection goes through a relay (<see cref="SeverableTcpProxy"/>)</param>
/// <param name="Mqtt311">speak MQTT 3.1.1 instead of 5: for a broker that knows no MQTT 5 (RabbitMQ 3.10's plugin); a
/// publish its ACL refuses is then acknowledged like any other, as on the device</param>
public sealed record BrokerEndpoint(string Host, int Port, X509Certificate2? TrustedCa = null, X509Certificate2? ClientCertificate = null,
    string? ServerName = null, bool Mqtt311 = false)
{
    public bool Tls => TrustedCa != null;
}

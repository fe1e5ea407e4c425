using System.Net;
using System.Net.Sockets;

namespace ChargeController.MqttLink;

/// <summary>Ports on the loopback interface for brokers and relays started on this machine.</summary>
public static class LoopbackPort
{
    /// <summary>A port nobody listens on now (another program may take it before the caller binds it).</summary>
    public static int Free()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

using System.Net;
using System.Net.Sockets;
using ChargeController.MqttLink;
using MQTTnet;
using MQTTnet.Server;

namespace ChargeController.PileSim.Broker;

/// <summary>
/// An MQTT broker inside PileSim, on a free loopback port, for the interactive pile when no --broker is given: no TLS, no
/// passwords, retained messages and wills kept in memory. Anyone on this machine can watch the pile with mosquitto_sub.
/// </summary>
public sealed class EmbeddedBroker : IDisposable
{
    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public const string Host = "127.0.0.1";
    public int Port { get; }

    /// <summary>Starts one on a port nobody uses (a port can be taken between looking and binding: then another).</summary>
    public static EmbeddedBroker Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointBoundIPV6Address(IPAddress.None).WithDefaultEndpointPort(port).Build();
            var server = new MqttServerFactory().CreateMqttServer(options);
            try
            {
                server.StartAsync().GetAwaiter().GetResult();
                return new EmbeddedBroker(server, port);
            }
            catch (SocketException) when (attempt < 3)
            {
                server.Dispose();
            }
        }
    }

    // The commands name their client (-i): mosquitto's clients otherwise send an empty client id for the broker to choose
    // one, which MQTTnet's broker refuses under MQTT 3.1.1.

    /// <summary>The command that shows everything the pile publishes under its root.</summary>
    public string WatchCommand(string pileId, string root) => $"mosquitto_sub -h {Host} -p {Port} -i watch-{pileId} -t '{root}/#' -v";

    /// <summary>A command that sends the pile a command (a status trigger, harmless in any state) on its command topic.</summary>
    public string CommandCommand(string pileId, string commandTopic) =>
        $"mosquitto_pub -h {Host} -p {Port} -i platform-{pileId} -t '{commandTopic}' -q 1 -m '{{\"v\":1,\"id\":\"c1\",\"cmd\":\"trigger\",\"ttlS\":60,\"what\":\"status\"}}'";

    public void Dispose()
    {
        _server.StopAsync().GetAwaiter().GetResult();
        _server.Dispose();
    }
}

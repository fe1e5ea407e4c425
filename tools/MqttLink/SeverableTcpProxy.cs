using System.Net;
using System.Net.Sockets;

namespace ChargeController.MqttLink;

/// <summary>
/// A TCP relay on a free loopback port in front of the broker, whose connections can be cut abruptly: the pile sees a
/// lost connection and the broker a vanished client (so it publishes the will), as when a 4G cell drops. A clean MQTT
/// DISCONNECT cannot do that. For PileSim's `link down` against a real broker, and the integration tests. It also
/// counts what crossed its connections to the broker (<see cref="Traffic"/>), the way a SIM plan would.
/// </summary>
public sealed class SeverableTcpProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _brokerHost;
    private readonly int _brokerPort;
    private readonly List<Connection> _open = new();
    private TcpTraffic _closed; // under _open's lock
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _refusing;

    public SeverableTcpProxy(string brokerHost, int brokerPort)
    {
        _brokerHost = brokerHost;
        _brokerPort = brokerPort;
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The kernel's counters of every connection to the broker so far, closed and open, read on the relay's side ("sent": towards the broker).</summary>
    public TcpTraffic Traffic
    {
        get
        {
            lock (_open)
                return _open.Aggregate(_closed, (sum, connection) => sum + TcpTraffic.Of(connection.Broker.Client));
        }
    }

    /// <summary>Resets every relayed connection (no FIN handshake, no MQTT DISCONNECT); with <paramref name="refuseNew"/> new ones are dropped too, until <see cref="Restore"/>.</summary>
    public void Cut(bool refuseNew = true)
    {
        _refusing = refuseNew;
        lock (_open)
        {
            foreach (var connection in _open.ToList())
                Close(connection, reset: true);
        }
    }

    public void Restore() => _refusing = false;

    public void Dispose()
    {
        _stop.Cancel();
        Cut();
        _listener.Stop();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient pile;
            try
            {
                pile = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            if (_refusing)
            {
                Reset(pile);
                continue;
            }
            var broker = new TcpClient();
            try
            {
                await broker.ConnectAsync(_brokerHost, _brokerPort, _stop.Token);
            }
            catch (Exception)
            {
                pile.Close();
                broker.Dispose();
                continue;
            }
            var connection = new Connection(pile, broker);
            lock (_open)
            {
                if (_refusing)
                {
                    // cut while its broker side was connecting: it goes the way of the others
                    Reset(pile);
                    Reset(broker);
                    continue;
                }
                _open.Add(connection);
            }
            _ = Relay(connection, pile, broker);
            _ = Relay(connection, broker, pile);
        }
    }

    /// <summary>Closes with a TCP reset rather than an orderly shutdown.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client?.Close(0);
        }
        catch (ObjectDisposedException)
        {
            // the relay closed it already
        }
        client.Close();
    }

    private async Task Relay(Connection connection, TcpClient from, TcpClient to)
    {
        var buffer = new byte[4096];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, _stop.Token)) > 0)
                await target.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
        catch (Exception)
        {
            // one side went away; the other follows below
        }
        lock (_open)
            Close(connection, reset: false);
    }

    /// <summary>
    /// Closes both sides once, keeping the broker side's counters; the caller holds <see cref="_open"/>'s lock. The
    /// counters are read before the close, so its own two or three segments (FIN or RST and their answers) are not in them.
    /// </summary>
    private void Close(Connection connection, bool reset)
    {
        if (!_open.Remove(connection))
            return;
        _closed += TcpTraffic.Of(connection.Broker.Client);
        foreach (var client in new[] { connection.Pile, connection.Broker })
            if (reset)
                Reset(client);
            else
                client.Close();
    }

    private sealed record Connection(TcpClient Pile, TcpClient Broker);
}

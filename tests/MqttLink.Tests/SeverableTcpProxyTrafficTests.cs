using System.Net;
using System.Net.Sockets;
using Xunit;

namespace ChargeController.MqttLink.Tests;

/// <summary>
/// The relay counts what crossed its connections to the far end by the kernel's counters (FleetSim's bytes on the wire):
/// every byte each way, the segments with them, and connections it cut or that closed stay counted.
/// </summary>
public sealed class SeverableTcpProxyTrafficTests : IDisposable
{
    private readonly TcpListener _echo = new(IPAddress.Loopback, 0);
    private readonly SeverableTcpProxy _relay;

    public SeverableTcpProxyTrafficTests()
    {
        _echo.Start();
        _ = Task.Run(EchoLoop);
        _relay = new SeverableTcpProxy("127.0.0.1", ((IPEndPoint)_echo.LocalEndpoint).Port);
    }

    public void Dispose()
    {
        _relay.Dispose();
        _echo.Stop();
    }

    [Fact]
    public void EveryByteEachWayIsCountedWithItsSegmentsAndACutConnectionStaysCounted()
    {
        Assert.Equal(default, _relay.Traffic);

        using (RoundTrip(1000))
            _relay.Cut(refuseNew: false);
        var first = Settled(1000);
        Assert.Equal(1000, first.BytesSent);
        Assert.Equal(1000, first.BytesReceived);
        Assert.InRange(first.SegmentsOut, 3, 100); // the handshake's, the data's, its acknowledgements'
        Assert.InRange(first.SegmentsIn, 3, 100);
        Assert.Equal(first.BytesSent + first.BytesReceived + first.Segments * TcpTraffic.PlainHeaderBytes, first.IpBytes(TcpTraffic.PlainHeaderBytes));

        using var open = RoundTrip(500); // a second connection, still open
        var both = Settled(1500);
        Assert.Equal(1500, both.BytesSent);
        Assert.Equal(1500, both.BytesReceived);
        Assert.True(both.Segments > first.Segments);

        RoundTrip(200).Dispose(); // a third, closed by the pile in order
        var all = Settled(1700);
        Assert.Equal(1700, all.BytesSent);
        Assert.Equal(1700, all.BytesReceived);
    }

    /// <summary>Sends <paramref name="bytes"/> through the relay and reads them back; the connection stays open.</summary>
    private TcpClient RoundTrip(int bytes)
    {
        var client = new TcpClient();
        client.Connect(IPAddress.Loopback, _relay.Port);
        var stream = client.GetStream();
        stream.Write(new byte[bytes]);
        var back = new byte[bytes];
        stream.ReadExactly(back);
        return client;
    }

    /// <summary>The counters once <paramref name="bytesEachWay"/> are in each way (the kernel delays an acknowledgement by 40 ms and more, a closing relay its count).</summary>
    private TcpTraffic Settled(long bytesEachWay)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((_relay.Traffic.BytesSent < bytesEachWay || _relay.Traffic.BytesReceived < bytesEachWay) && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        return _relay.Traffic;
    }

    private async Task EchoLoop()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _echo.AcceptTcpClientAsync();
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    int read;
                    try
                    {
                        while ((read = await stream.ReadAsync(buffer)) > 0)
                            await stream.WriteAsync(buffer.AsMemory(0, read));
                    }
                    catch (IOException)
                    {
                        // the relay cut it
                    }
                }
            });
        }
    }
}

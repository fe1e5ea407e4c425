using System.Collections.Concurrent;

namespace ChargeController.MeterProbe.Tests;

/// <summary>One end of an in-memory serial cable: what one end writes, the other reads.</summary>
public sealed class MemoryLink : ISerialLink
{
    private readonly BlockingCollection<byte> _incoming;
    private readonly BlockingCollection<byte> _outgoing;

    private MemoryLink(BlockingCollection<byte> incoming, BlockingCollection<byte> outgoing)
    {
        _incoming = incoming;
        _outgoing = outgoing;
    }

    public static (MemoryLink, MemoryLink) Pair()
    {
        var aToB = new BlockingCollection<byte>();
        var bToA = new BlockingCollection<byte>();
        return (new MemoryLink(bToA, aToB), new MemoryLink(aToB, bToA));
    }

    public void Write(byte[] data, int count)
    {
        for (var i = 0; i < count; i++)
            _outgoing.Add(data[i]);
    }

    public int ReadByte(int timeoutMs) => _incoming.TryTake(out var b, timeoutMs) ? b : -1;

    public void DiscardInput()
    {
        while (_incoming.TryTake(out _)) { }
    }

    public void Dispose() { }
}

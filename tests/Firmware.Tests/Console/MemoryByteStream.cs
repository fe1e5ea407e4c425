using ChargeController.Hal;

namespace ChargeController.Tests.SerialConsole;

/// <summary>
/// The console's serial port in memory: what the technician types waits until the console reads it, what the console
/// writes is kept. Preallocated, so a test can measure the console's own allocations.
/// </summary>
public sealed class MemoryByteStream : IByteStream
{
    private readonly byte[] _typed = new byte[64 * 1024];
    private readonly byte[] _written = new byte[256 * 1024];
    private int _typedCount;
    private int _readAt;
    private int _writtenCount;
    private int _takenAt;

    public int Waiting => _typedCount - _readAt;

    public void Type(string text)
    {
        foreach (var c in text)
            _typed[_typedCount++] = (byte)c;
    }

    public void Type(byte[] bytes)
    {
        foreach (var b in bytes)
            _typed[_typedCount++] = b;
    }

    /// <summary>Everything written since the last call.</summary>
    public string TakeOutput()
    {
        var text = new string(_written.Skip(_takenAt).Take(_writtenCount - _takenAt).Select(b => (char)b).ToArray());
        _takenAt = _writtenCount;
        return text;
    }

    public int Read(byte[] into, int offset, int count)
    {
        var n = Math.Min(count, _typedCount - _readAt);
        Array.Copy(_typed, _readAt, into, offset, n);
        _readAt += n;
        return n;
    }

    public void Write(byte[] data, int offset, int count)
    {
        Array.Copy(data, offset, _written, _writtenCount, count);
        _writtenCount += count;
    }
}

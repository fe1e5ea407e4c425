namespace ChargeController.Loader.Tests;

/// <summary>
/// Files in memory behind the loader's file interface, with a power cut after a given number of written bytes: the
/// write it falls in leaves the new bytes so far over the old content (or, <see cref="CutTruncates"/>, only them), and
/// nothing written after it lands.
/// </summary>
internal sealed class MemoryFiles : ILoaderFiles
{
    private readonly Dictionary<string, byte[]> _files = new();
    private long _budget = long.MaxValue;

    public bool CutTruncates { get; set; }
    public bool PoweredOff { get; private set; }
    public long BytesWritten { get; private set; }

    public void CutPowerAfter(long bytes) => _budget = bytes;

    public void RestorePower()
    {
        _budget = long.MaxValue;
        PoweredOff = false;
    }

    public int Length(string name) => _files.TryGetValue(name, out var data) ? data.Length : -1;

    public int Read(string name, int position, byte[] into, int offset, int count)
    {
        if (!_files.TryGetValue(name, out var data) || position >= data.Length)
            return 0;
        var n = Math.Min(count, data.Length - position);
        Array.Copy(data, position, into, offset, n);
        return n;
    }

    public bool Write(string name, byte[] data, int offset, int count)
    {
        if (PoweredOff)
            return false;
        var landed = (int)Math.Min(count, _budget);
        _budget -= landed;
        BytesWritten += landed;
        if (landed == count)
        {
            _files[name] = data.AsSpan(offset, count).ToArray();
            return true;
        }
        PoweredOff = true;
        var old = _files.TryGetValue(name, out var before) ? before : Array.Empty<byte>();
        var torn = CutTruncates ? new byte[landed] : new byte[Math.Max(landed, old.Length)];
        if (!CutTruncates)
            old.CopyTo(torn, 0);
        Array.Copy(data, offset, torn, 0, landed);
        _files[name] = torn;
        return false;
    }

    public void Put(string name, byte[] content) => _files[name] = (byte[])content.Clone();

    public byte[] Get(string name) => _files[name];

    public void Remove(string name) => _files.Remove(name);
}

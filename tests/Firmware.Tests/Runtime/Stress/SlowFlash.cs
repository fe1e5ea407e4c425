using ChargeController.Hal;
using ChargeController.Sim.Storage;

namespace ChargeController.Tests.Runtime.Stress;

/// <summary>
/// A flash whose every write (flush, replace, delete, move) takes 50-500 ms, as a busy LittleFS partition can. One lock
/// serialises its users (storage and supervisor threads) and is held for the whole write: exactly the kind of lock the
/// control thread must never wait on.
/// </summary>
public sealed class SlowFlash : IFileStore
{
    private readonly SimFileStore _store;
    private readonly Random _random;
    private readonly object _busy = new();

    public SlowFlash(SimFileStore store, int seed)
    {
        _store = store;
        _random = new Random(seed);
    }

    public object Busy => _busy;

    public bool Exists(string name) { lock (_busy) return _store.Exists(name); }
    public int Length(string name) { lock (_busy) return _store.Length(name); }
    public int Read(string name, int position, byte[] into, int offset, int count) { lock (_busy) return _store.Read(name, position, into, offset, count); }
    public bool Append(string name, byte[] data, int offset, int count) { lock (_busy) return _store.Append(name, data, offset, count); }
    public bool Flush(string name) { lock (_busy) { Write(); return _store.Flush(name); } }
    public bool Replace(string name, byte[] data, int offset, int count) { lock (_busy) { Write(); return _store.Replace(name, data, offset, count); } }
    public bool Delete(string name) { lock (_busy) { Write(); return _store.Delete(name); } }
    public bool Move(string source, string target) { lock (_busy) { Write(); return _store.Move(source, target); } }

    private void Write() => Thread.Sleep(_random.Next(50, 501));
}

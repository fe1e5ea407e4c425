using System.Text;
using System.Text.Json;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;
using ChargeController.Runtime.Health;
using ChargeController.Sim.Storage;

namespace ChargeController.FleetSim;

/// <summary>
/// What a pile itself recorded: every platform event of its journal (read from the simulated flash's durable content
/// with the firmware's own <see cref="JournalReader"/>, encoded with its own <see cref="EventEncoder"/>: byte for byte
/// what its outbox publishes), by (boot, seq). The journal compacts acknowledged records away, so the fleet reads it
/// again and again (<see cref="Read"/>) and keeps every record it has seen: a record is durable long before any
/// compaction could drop it.
/// </summary>
public sealed class PileTruth(string pileId)
{
    private readonly SortedDictionary<long, string> _events = new();
    private readonly JsonWriter _writer = new(MessageEncoder.MaxBytes);
    private int _readLength = -1;
    private byte[] _readContent = Array.Empty<byte>();

    public string PileId => pileId;

    /// <summary>The pile's platform events so far, in (boot, seq) order, each as the JSON its outbox sends.</summary>
    public IEnumerable<string> Events => _events.Values;

    /// <summary>Reads the journal's durable records into the truth (nothing to do when the file has not changed).</summary>
    public void Read(SimFileStore flash, SimFileStore scratch)
    {
        var content = flash.DurableContent(Journal.FileName);
        if (content.Length == _readLength && content.AsSpan().SequenceEqual(_readContent))
            return;
        _readLength = content.Length;
        _readContent = content;
        scratch.Delete(Journal.FileName);
        if (!scratch.Load(Journal.FileName, content))
            throw new InvalidOperationException($"{pileId}: the journal does not fit a scratch flash");
        var reader = new JournalReader(scratch, Journal.FileName);
        reader.Rewind();
        var encoder = new EventEncoder(_writer, pileId) { HealthFields = new HealthMessage() }; // as the outbox encodes them
        while (reader.Next())
        {
            if (!Journal.IsPlatformRecord(reader.Kind) || _events.ContainsKey(reader.Sequence))
                continue;
            if (!encoder.Encode(reader))
                throw new InvalidOperationException($"{pileId}: a platform record the encoder refused at offset {reader.Offset}");
            _events[reader.Sequence] = Encoding.UTF8.GetString(_writer.Buffer, 0, _writer.Length);
        }
    }

    /// <summary>The sessions the pile closed: id, energy (null without both readings) and energy by band.</summary>
    public IEnumerable<(string Session, long? EnergyWh, long[] BandsWh)> Sessions()
    {
        foreach (var json in _events.Values)
        {
            using var doc = JsonDocument.Parse(json);
            var e = doc.RootElement;
            if (e.GetProperty("event").GetString() != "session-end")
                continue;
            long? energy = e.TryGetProperty("energyWh", out var wh) ? wh.GetInt64() : null;
            var bands = e.TryGetProperty("bandsWh", out var b) ? b.EnumerateArray().Select(x => x.GetInt64()).ToArray() : Array.Empty<long>();
            yield return (e.GetProperty("session").GetString()!, energy, bands);
        }
    }
}

using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;
using ChargeController.Sim.Storage;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// Pile events encoded the way the device publishes them: recorded in a journal (<see cref="JournalRecorder"/>, as the
/// storage thread does), read back and encoded from the record (<see cref="EventEncoder"/>, as the outbox does).
/// </summary>
public sealed class JournalEncoding
{
    private readonly SimFileStore _store = new();
    private readonly Journal _journal;
    private readonly JournalRecorder _recorder;
    private readonly JournalReader _reader;
    private readonly EventEncoder _encoder;

    public JournalEncoding(JsonWriter writer, int bootNumber)
    {
        _journal = new Journal(_store, int.MaxValue, 20);
        _journal.Open();
        _journal.StartBoot(bootNumber);
        _recorder = new JournalRecorder(_journal, new SessionLedger());
        _reader = new JournalReader(_store, Journal.FileName);
        _encoder = new EventEncoder(writer, MessageTap.PileId);
    }

    /// <summary>The record number within its boot of the last record encoded: its event's seq.</summary>
    public int Sequence => (int)(_reader.Sequence & 0x7FFFFFFF);

    /// <summary>Records of later events carry this boot number (a boot event starts one).</summary>
    public void StartBoot(int bootNumber) => _journal.StartBoot(bootNumber);

    public void Record(PileEvent e) => _recorder.Record(e, 0);

    /// <summary>Records <paramref name="e"/> and encodes its record.</summary>
    /// <returns>false when the event makes no platform record (not journaled, or not for the platform)</returns>
    public bool Encode(PileEvent e)
    {
        var at = _journal.Length;
        _recorder.Record(e, 0);
        if (_journal.Length == at)
            return false;
        _reader.Forget(); // the file grew since the reader last looked
        Xunit.Assert.True(_reader.ReadAt(at));
        if (!Journal.IsPlatformRecord(_reader.Kind))
            return false;
        Xunit.Assert.True(_encoder.Encode(_reader), "the encoder refused a platform record or overflowed");
        return true;
    }

    /// <summary>Encodes every platform record recorded so far, front to back.</summary>
    public void EncodeRecorded()
    {
        _reader.Rewind();
        while (_reader.Next())
            if (Journal.IsPlatformRecord(_reader.Kind))
                Xunit.Assert.True(_encoder.Encode(_reader), "the encoder refused a platform record or overflowed");
    }
}

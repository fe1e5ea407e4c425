using ChargeController.Firmware.Events;
using ChargeController.Firmware.Telemetry;
using ChargeController.Sim.Trace;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// What the link side will do with the pile's event stream, here without a broker: the status view follows every event,
/// a changed status is encoded, and every platform event gets its (boot, seq) id and is encoded. Each message is handed
/// to <see cref="Message"/> with the name of its schema.
/// </summary>
public sealed class MessageTap : IEventWriter
{
    public const string PileId = "cc-0001";
    public const string Firmware = "1.0.0";

    private readonly JsonWriter _writer = new(MessageEncoder.MaxBytes);
    private readonly StatusView _view = new();
    private readonly StatusEncoder _status;
    private readonly EventEncoder _events;
    private readonly LinkStatistics _link = new();
    private int _sequence;

    public MessageTap(Action<string, JsonWriter> message)
    {
        Message = message;
        _status = new StatusEncoder(_writer, PileId, Firmware);
        _events = new EventEncoder(_writer, PileId);
    }

    public Action<string, JsonWriter> Message { get; }

    public void Write(PileEvent e)
    {
        if (e.Kind == EventKind.Boot)
            _sequence = 0;
        if (_view.Apply(e))
        {
            Assert(_status.Online(_view, 0, 0, _link, e.TimeMs, e.UnixS));
            Message("status", _writer);
        }
        if (!EventEncoder.IsPlatformEvent(e))
            return;
        Assert(_events.Encode(e, _view.BootNumber, ++_sequence));
        Message(SchemaOf(e), _writer);
    }

    public static string SchemaOf(PileEvent e) => e.Kind switch
    {
        EventKind.Boot => "event-boot",
        EventKind.Fault => e.Flag ? "event-fault-raised" : "event-fault-cleared",
        _ => e.Code == EventRing.SessionStart ? "event-session-start" : "event-session-end",
    };

    private static void Assert(bool encoded) => Xunit.Assert.True(encoded, "the encoder refused a platform event or overflowed");
}

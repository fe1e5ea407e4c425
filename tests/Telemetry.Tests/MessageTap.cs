using ChargeController.Firmware.Events;
using ChargeController.Firmware.Telemetry;
using ChargeController.Sim.Trace;

namespace ChargeController.Telemetry.Tests;

/// <summary>
/// What the link side does with the pile's event stream, here without a broker: the status view follows every event,
/// a changed status is encoded, and every platform event is journaled and encoded from its record with its (boot, seq)
/// id, as the outbox does. Each message is handed to <see cref="Message"/> with the name of its schema.
/// </summary>
public sealed class MessageTap : IEventWriter
{
    public const string PileId = "cc-0001";
    public const string Firmware = "1.0.0";

    private readonly JsonWriter _writer = new(MessageEncoder.MaxBytes);
    private readonly StatusView _view = new();
    private readonly StatusEncoder _status;
    private readonly JournalEncoding _events;
    private readonly LinkStatistics _link = new();

    public MessageTap(Action<string, JsonWriter> message)
    {
        Message = message;
        _status = new StatusEncoder(_writer, PileId, Firmware);
        _events = new JournalEncoding(_writer, 0);
    }

    public Action<string, JsonWriter> Message { get; }

    public void Write(PileEvent e)
    {
        if (e.Kind == EventKind.Boot)
            _events.StartBoot(e.Value);
        if (_view.Apply(e))
        {
            Xunit.Assert.True(_status.Online(_view, 0, 0, _link, e.TimeMs, e.UnixS), "the status overflowed");
            Message("status", _writer);
        }
        if (_events.Encode(e))
            Message(SchemaOf(e), _writer);
    }

    public static string SchemaOf(PileEvent e) => e.Kind switch
    {
        EventKind.Boot => "event-boot",
        EventKind.Fault => e.Flag ? "event-fault-raised" : "event-fault-cleared",
        EventKind.ConfigChange => "event-config-changed",
        EventKind.Console => "event-console",
        _ => e.Code == EventRing.SessionStart ? "event-session-start" : "event-session-end",
    };
}

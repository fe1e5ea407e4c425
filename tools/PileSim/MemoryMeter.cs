using ChargeController.Firmware.Link;
using ChargeController.Hal;
using ChargeController.Firmware.Events;
using ChargeController.Sim.Memory;
using ChargeController.Sim.Trace;

namespace ChargeController.PileSim;

/// <summary>
/// Measures what a simulated run allocates on its thread (GC.GetAllocatedBytesForCurrentThread, exact on .NET): building
/// and starting the pile, the most one boot allocates, the most one tick allocates. Left out: the simulated flash's own
/// files and buffers (flash on a pile, not heap) and the trace writer (a tool's, not the device's). It allocates nothing
/// while it measures. Sizes are .NET's, not nanoFramework's: docs/performance.md says how they compare.
/// </summary>
public sealed class MemoryMeter : IMemoryProbe
{
    private readonly long[] _beganAt = new long[3];
    private readonly long[] _leftOutAt = new long[3];
    private long _leftOut;
    private int _leavingOut;
    private long _leavingOutSince;

    public long StartupBytes { get; private set; }
    public long MaxBootBytes { get; private set; }
    public long MaxTickBytes { get; private set; }
    public long LastBootBytes { get; private set; }
    public int Boots { get; private set; }
    public long Ticks { get; private set; }

    /// <summary>The `--memory` line: {"startupBytes":N,"maxBootBytes":M,"maxTickBytes":K}.</summary>
    public string Json => $"{{\"startupBytes\":{StartupBytes},\"maxBootBytes\":{MaxBootBytes},\"maxTickBytes\":{MaxTickBytes}}}";

    public void Begin(RunPart part)
    {
        if (part == RunPart.FlashRead)
            return; // allocates nothing
        if (part == RunPart.Flash || part == RunPart.World)
        {
            LeaveOutBegin();
            return;
        }
        _beganAt[(int)part] = Allocated;
        _leftOutAt[(int)part] = _leftOut;
    }

    public void End(RunPart part)
    {
        if (part == RunPart.FlashRead)
            return;
        if (part == RunPart.Flash || part == RunPart.World)
        {
            LeaveOutEnd();
            return;
        }
        var bytes = Allocated - _beganAt[(int)part] - (_leftOut - _leftOutAt[(int)part]);
        switch (part)
        {
            case RunPart.Startup:
                StartupBytes = bytes;
                break;
            case RunPart.Boot:
                LastBootBytes = bytes;
                MaxBootBytes = Math.Max(MaxBootBytes, bytes);
                Boots++;
                break;
            case RunPart.Tick:
                MaxTickBytes = Math.Max(MaxTickBytes, bytes);
                Ticks++;
                break;
        }
    }

    /// <summary>The same writer, its allocations left out of every measurement.</summary>
    public IEventWriter LeavingOut(IEventWriter writer) => new LeftOutWriter(this, writer);

    private static long Allocated => GC.GetAllocatedBytesForCurrentThread();

    private void LeaveOutBegin()
    {
        if (_leavingOut++ == 0)
            _leavingOutSince = Allocated;
    }

    private void LeaveOutEnd()
    {
        if (--_leavingOut == 0)
            _leftOut += Allocated - _leavingOutSince;
    }

    private sealed class LeftOutWriter(MemoryMeter meter, IEventWriter writer) : IEventWriter, ILinkObserver
    {
        public void Write(PileEvent e)
        {
            meter.LeaveOutBegin();
            writer.Write(e);
            meter.LeaveOutEnd();
        }

        public void Published(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain)
        {
            if (writer is not ILinkObserver observer)
                return;
            meter.LeaveOutBegin();
            observer.Published(nowMs, topic, payload, count, qos, retain);
            meter.LeaveOutEnd();
        }

        public void LinkChanged(long nowMs, bool up, string reason)
        {
            if (writer is not ILinkObserver observer)
                return;
            meter.LeaveOutBegin();
            observer.LinkChanged(nowMs, up, reason);
            meter.LeaveOutEnd();
        }
    }
}

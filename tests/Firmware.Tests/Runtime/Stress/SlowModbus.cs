using ChargeController.Hal;

namespace ChargeController.Tests.Runtime.Stress;

/// <summary>An RS485 bus that answers after up to 300 ms, and one time in five not at all (a timeout after 300 ms).</summary>
public sealed class SlowModbus : IModbusMaster
{
    private const int TimeoutMs = 300;

    private readonly IModbusMaster _bus;
    private readonly object _world;
    private readonly Random _random;

    /// <param name="world">held while the meter answers, so it never reads a meter the world thread is stepping</param>
    public SlowModbus(IModbusMaster bus, object world, int seed)
    {
        _bus = bus;
        _world = world;
        _random = new Random(seed);
    }

    public ModbusStatus ReadHoldingRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
    {
        exceptionCode = 0;
        if (!Answers())
            return ModbusStatus.Timeout;
        lock (_world)
            return _bus.ReadHoldingRegisters(slave, start, count, into, out exceptionCode);
    }

    public ModbusStatus ReadInputRegisters(byte slave, ushort start, ushort count, ushort[] into, out byte exceptionCode)
    {
        exceptionCode = 0;
        if (!Answers())
            return ModbusStatus.Timeout;
        lock (_world)
            return _bus.ReadInputRegisters(slave, start, count, into, out exceptionCode);
    }

    public ModbusStatus WriteRegisters(byte slave, ushort start, ushort[] values, ushort count, out byte exceptionCode)
    {
        exceptionCode = 0;
        if (!Answers())
            return ModbusStatus.Timeout;
        lock (_world)
            return _bus.WriteRegisters(slave, start, values, count, out exceptionCode);
    }

    /// <summary>Waits as long as the bus takes; false when the meter stays silent.</summary>
    private bool Answers()
    {
        if (_random.Next(5) == 0)
        {
            Thread.Sleep(TimeoutMs);
            return false;
        }
        Thread.Sleep(_random.Next(TimeoutMs));
        return true;
    }
}

using ChargeController.Hal;

namespace ChargeController.MeterProbe;

/// <summary>
/// The byte pipe under RTU framing on a laptop: a serial port in the field, anything that moves bytes in tests. The
/// firmware's own master (<see cref="RtuMaster"/>) runs over it; the tool closes it when done.
/// </summary>
public interface ISerialLink : ISerialLine, IDisposable
{
}

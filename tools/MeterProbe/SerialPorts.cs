using System.IO.Ports;

namespace ChargeController.MeterProbe;

/// <summary>The serial devices this machine has, for the technician who typed the wrong one.</summary>
public static class SerialPorts
{
    public static string Listing()
    {
        var ports = SerialPort.GetPortNames().Order().ToArray();
        return ports.Length == 0
            ? "this machine has no serial ports: is the USB-RS485 adapter plugged in?"
            : $"the serial ports here: {string.Join(", ", ports)}";
    }
}

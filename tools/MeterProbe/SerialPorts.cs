using System.IO.Ports;
using System.Runtime.InteropServices;

namespace ChargeController.MeterProbe;

/// <summary>The serial devices this machine has, for the technician who typed the wrong one, and whether a path is one.</summary>
public static class SerialPorts
{
    /// <summary>Where Linux puts serial devices: USB adapters (ttyUSB, ttyACM), built-in UARTs (ttyS, ttyAMA).</summary>
    private static readonly string[] DevicePatterns = { "ttyUSB*", "ttyACM*", "ttyS*", "ttyAMA*" };

    public static string Listing() => Listing(Present());

    /// <summary>What to say given the serial devices present (paths or COM names).</summary>
    public static string Listing(IReadOnlyCollection<string> ports)
    {
        if (ports.Count == 0)
            return "this machine has no serial ports: is the USB-RS485 adapter plugged in?";
        var adapters = ports.Any(p => p.Contains("ttyUSB") || p.Contains("ttyACM") || p.StartsWith("COM", StringComparison.Ordinal));
        return $"the serial ports here: {string.Join(", ", ports)}" +
               (adapters ? "" : " (built in; a USB-RS485 adapter shows as /dev/ttyUSB<n> or /dev/ttyACM<n>: is it plugged in?)");
    }

    /// <summary>The serial devices that exist: what .NET finds, and on Linux the device files by their names.</summary>
    public static IReadOnlyCollection<string> Present()
    {
        var ports = new SortedSet<string>(SerialPort.GetPortNames(), StringComparer.Ordinal);
        if (!OperatingSystem.IsWindows() && Directory.Exists("/dev"))
            foreach (var pattern in DevicePatterns)
                ports.UnionWith(Directory.GetFiles("/dev", pattern));
        return ports;
    }

    /// <summary>Why <paramref name="path"/> is no serial port (a file, a folder, another device), or null when it is a terminal.</summary>
    public static string? NotASerialPort(string path)
    {
        if (OperatingSystem.IsWindows())
            return null; // COM names: the system knows them as ports or not at all
        if (Directory.Exists(path))
            return $"{path} is a folder, not a serial port";
        var fd = open(path, ReadWriteNoControllingTerminalNonBlocking);
        if (fd < 0)
            return null; // cannot look: opening it as a port will say why
        var terminal = isatty(fd) == 1;
        close(fd);
        return terminal ? null : $"{path} is not a serial port";
    }

    private const int ReadWriteNoControllingTerminalNonBlocking = 2 | 0x100 | 0x800; // O_RDWR | O_NOCTTY | O_NONBLOCK (Linux)

    [DllImport("libc", SetLastError = true)] private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);
    [DllImport("libc")] private static extern int isatty(int fd);
    [DllImport("libc")] private static extern int close(int fd);
}

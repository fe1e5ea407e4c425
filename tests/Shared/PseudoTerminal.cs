using System.Runtime.InteropServices;
using System.Text;

namespace ChargeController.TestSupport;

/// <summary>
/// A pseudo-terminal pair opened through the C library: the program under test opens <see cref="DevicePath"/> like any
/// serial device or terminal (a USB-RS485 adapter, a technician's screen); the test talks through the other end.
/// Nothing beyond the .NET SDK is needed.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private const int ReadWrite = 2, NoControllingTerminal = 0x100, SetNow = 0, PollIn = 1, TermiosBytes = 256;
    private readonly int _controller;
    private readonly int _device;

    public PseudoTerminal()
    {
        _controller = Check(posix_openpt(ReadWrite | NoControllingTerminal), "posix_openpt");
        Check(grantpt(_controller), "grantpt");
        Check(unlockpt(_controller), "unlockpt");
        var name = new byte[128];
        Check(ptsname_r(_controller, name, name.Length), "ptsname_r");
        DevicePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        // Held open so the controller end never reads end-of-file between two runs of the program; raw, as a serial line.
        _device = Check(open(DevicePath, ReadWrite | NoControllingTerminal), "open " + DevicePath);
        var termios = new byte[TermiosBytes];
        Check(tcgetattr(_device, termios), "tcgetattr");
        cfmakeraw(termios);
        Check(tcsetattr(_device, SetNow, termios), "tcsetattr");
    }

    /// <summary>The serial device the program under test opens (/dev/pts/N).</summary>
    public string DevicePath { get; }

    /// <summary>Sends bytes to the program, as if they arrived on the line.</summary>
    public void Write(byte[] data, int count)
    {
        for (var done = 0; done < count;)
            done += Check((int)write(_controller, ref data[done], count - done), "write");
    }

    /// <returns>the next byte the program wrote, or -1 when none comes within <paramref name="timeoutMs"/></returns>
    public int ReadByte(int timeoutMs)
    {
        var poll = new PollFd { Fd = _controller, Events = PollIn };
        if (Check(Poll(ref poll, 1, timeoutMs), "poll") == 0)
            return -1;
        byte one = 0;
        return read(_controller, ref one, 1) == 1 ? one : -1;
    }

    /// <summary>Throws away what the program wrote and nobody read yet.</summary>
    public void DiscardInput()
    {
        while (ReadByte(0) >= 0)
        {
        }
    }

    public void Dispose()
    {
        close(_device);
        close(_controller);
    }

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new IOException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    [DllImport("libc", SetLastError = true)] private static extern int posix_openpt(int flags);
    [DllImport("libc", SetLastError = true)] private static extern int grantpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int unlockpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int ptsname_r(int fd, byte[] name, nint length);
    [DllImport("libc", SetLastError = true)] private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);
    [DllImport("libc", SetLastError = true)] private static extern int tcgetattr(int fd, byte[] termios);
    [DllImport("libc", SetLastError = true)] private static extern int tcsetattr(int fd, int when, byte[] termios);
    [DllImport("libc")] private static extern void cfmakeraw(byte[] termios);
    [DllImport("libc", SetLastError = true, EntryPoint = "poll")] private static extern int Poll(ref PollFd fds, nuint count, int timeoutMs);
    [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, ref byte buffer, nint count);
    [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, ref byte buffer, nint count);
    [DllImport("libc")] private static extern int close(int fd);
}

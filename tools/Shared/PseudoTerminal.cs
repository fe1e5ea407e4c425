using System.Runtime.InteropServices;
using System.Text;

namespace ChargeController.Tools;

/// <summary>
/// A pseudo-terminal pair opened through the C library: one program opens <see cref="DevicePath"/> like any serial
/// device or terminal (a USB-RS485 adapter, a technician's screen); the other talks through the controller end (a test,
/// or PileSim's `--console-pty`). <see cref="Attach"/> opens an existing terminal device instead, as a terminal program
/// does. Nothing beyond the .NET SDK is needed; shared by the tools and the tests.
/// </summary>
internal sealed class PseudoTerminal : IDisposable
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
        MakeRaw(_device);
    }

    private static void MakeRaw(int fd)
    {
        var termios = new byte[TermiosBytes];
        Check(tcgetattr(fd, termios), "tcgetattr");
        cfmakeraw(termios);
        Check(tcsetattr(fd, SetNow, termios), "tcsetattr");
    }

    private PseudoTerminal(string path)
    {
        DevicePath = path;
        _controller = Check(open(path, ReadWrite | NoControllingTerminal), "open " + path);
        _device = -1;
        MakeRaw(_controller);
    }

    /// <summary>Opens the terminal device at <paramref name="path"/> (raw, 8 bits, no echo), as a terminal program would.</summary>
    public static PseudoTerminal Attach(string path) => new(path);

    /// <summary>The serial device the other program opens (/dev/pts/N).</summary>
    public string DevicePath { get; }

    /// <summary>Sends bytes to the program, as if they arrived on the line.</summary>
    public void Write(byte[] data, int count) => Write(data, 0, count);

    public void Write(byte[] data, int offset, int count)
    {
        for (var done = 0; done < count;)
            done += Check((int)write(_controller, ref data[offset + done], count - done), "write");
    }

    /// <returns>how many bytes the program wrote (at most <paramref name="count"/>), 0 when none came within <paramref name="timeoutMs"/></returns>
    public int Read(byte[] into, int offset, int count, int timeoutMs)
    {
        var poll = new PollFd { Fd = _controller, Events = PollIn };
        if (Check(Poll(ref poll, 1, timeoutMs), "poll") == 0 || (poll.Returned & PollIn) == 0)
            return 0;
        var n = (int)read(_controller, ref into[offset], count);
        return n > 0 ? n : 0;
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
        if (_device >= 0)
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

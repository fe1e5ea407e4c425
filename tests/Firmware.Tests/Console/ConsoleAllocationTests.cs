using System.Text;
using ChargeController.Runtime.Console;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>
/// Keystrokes allocate nothing, on either thread: on an 80 KB heap a technician typing must not churn the GC that pauses
/// the control tick. Measured exactly on the test's thread, which runs both halves of the console.
/// </summary>
public class ConsoleAllocationTests
{
    private static readonly byte[] Keystrokes = Encoding.ASCII.GetBytes(
        "statu\x7fus extra words\b\b\b\b\x1b[A\x1b[1;5C\x1bOP\t\x01\x03" + // edit, escape, cancel
        "\r\n\r\n\n\r" +                                                // empty lines in every ending
        new string('x', ConsoleLine.MaxChars + 20) + "\x03");          // past the maximum, then cancelled

    private static long AllocatedWhileTyping(ConsoleRig rig, int times)
    {
        for (var i = 0; i < 3; i++) // warm-up: every path has run once
        {
            rig.Port.Type(Keystrokes);
            rig.Pump();
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < times; i++)
        {
            rig.Port.Type(Keystrokes);
            rig.Pump();
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void KeystrokesAllocateNothing()
    {
        var rig = new ConsoleRig();
        Assert.Equal(0, AllocatedWhileTyping(rig, 50));
        Assert.Contains("statu\b \bus extra words", rig.Port.TakeOutput()); // the keystrokes were echoed: the console did run
    }

    [Fact]
    public void KeystrokesInMachineModeAllocateNothing()
    {
        var rig = new ConsoleRig();
        rig.Run("mode json");
        Assert.Equal(0, AllocatedWhileTyping(rig, 50));
    }

    [Fact]
    public void AControlThreadPassWithoutALineAllocatesNothing()
    {
        var rig = new ConsoleRig();
        rig.Commission();
        rig.Shell.Service(rig.NowMs);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
            rig.Shell.Service(rig.NowMs + i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void HashingAPinOnTheConsoleThreadAllocatesNothing()
    {
        var rig = new ConsoleRig();
        rig.Run("login");
        rig.Port.Type("123456\r");
        var before = GC.GetAllocatedBytesForCurrentThread();
        rig.Terminal.Pump(); // hashes and hands over; the shell has not run
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(rig.Terminal.Busy);
    }
}

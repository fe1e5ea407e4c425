using System.Text;
using ChargeController.Firmware.Config;
using ChargeController.Runtime.Console;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Hal;
using ChargeController.Runtime;
using ChargeController.Sim.Board;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Runtime;

/// <summary>
/// The console on real threads, as on the device: RuntimeThreads starts a console thread for a runtime with a console
/// port; a line typed on the port is answered by the shell on the control thread, and a failed login's access record is
/// written by the storage thread.
/// </summary>
public class ThreadedConsoleTests
{
    [Fact]
    public void TheConsoleThreadAnswersAndTheStorageThreadWritesTheAccessRecord()
    {
        var board = new SimBoard();
        var store = new SimFileStore();
        var port = new LockedPort();
        var runtime = new PileRuntime(new PileConfig(), board.Hardware, store, null, new Outputs(), new NoConsumer(), consolePort: port);
        runtime.Boot();
        var threads = new RuntimeThreads(runtime, board.Clock);
        threads.Start();
        try
        {
            port.Type("version\r");
            Assert.True(port.WaitFor("firmware      1.0.0\r\npile> "), port.Output);
            port.Type("login\r");
            Assert.True(port.WaitFor("PIN: "), port.Output);
            port.Type("123456\r");
            Assert.True(port.WaitFor("error: wrong PIN (1 of 5 before a lock-out)\r\npile> "), port.Output);
        }
        finally
        {
            threads.Stop();
        }
        Assert.True(store.Exists(ConsoleAccessStore.FileName));
        Assert.Equal(1, new ConsoleAccessStore(store, new FlashWrites(1)).Load(out _)!.Failures);
    }

    /// <summary>A port two threads use: the test types, the console thread reads and writes.</summary>
    private sealed class LockedPort : IByteStream
    {
        private readonly Queue<byte> _typed = new();
        private readonly StringBuilder _written = new();

        public string Output
        {
            get { lock (this) return _written.ToString(); }
        }

        public void Type(string text)
        {
            lock (this)
                foreach (var c in text)
                    _typed.Enqueue((byte)c);
        }

        public bool WaitFor(string text)
        {
            for (var waited = 0; waited < 10_000; waited += 10)
            {
                if (Output.Contains(text))
                    return true;
                Thread.Sleep(10);
            }
            return false;
        }

        public int Read(byte[] into, int offset, int count)
        {
            lock (this)
            {
                var n = 0;
                while (n < count && _typed.Count > 0)
                    into[offset + n++] = _typed.Dequeue();
                return n;
            }
        }

        public void Write(byte[] data, int offset, int count)
        {
            lock (this)
                _written.Append(Encoding.ASCII.GetString(data, offset, count));
        }
    }

    private sealed class Outputs : ISupervisionOutputs
    {
        public void KickWatchdog()
        {
        }

        public void Reboot()
        {
        }
    }

    private sealed class NoConsumer : IEventConsumer
    {
        public void Write(PileEvent e)
        {
        }
    }
}

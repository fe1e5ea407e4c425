using System;
using System.IO.Ports;
using System.Threading;
using ChargeController.Esp32.Board;
using ChargeController.Esp32.Console;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Text;
using ChargeController.Runtime;

namespace ChargeController.App
{
    /// <summary>
    /// The pile's entry point: open the reference board, build the pile through the runtime (config and journal from
    /// I:\, the core, the meter poller, the supervisor), boot it and start its threads. Nothing here that a test of the
    /// core would need; docs/flashing.md says how to confirm from the boot record that it came up.
    /// </summary>
    public static class Program
    {
        /// <summary>
        /// The meter's UART opens before the runtime reads the stored configuration, so it runs at the reference meter's
        /// 9600 8N1 with the default response timeout: a stored meter.baud, meter.parity or meter.responseTimeoutMs does
        /// not reach the UART yet (the meter's profile and address do, through the runtime).
        /// </summary>
        private const int MeterBaud = 9600;

        public static void Main()
        {
            var factory = new PileConfig();
            var board = Esp32Board.Open(ReferenceBoard.NominalPilotCalibration(), ReferenceBoard.NominalPinCalibration(),
                MeterBaud, Parity.None, factory.Get(ConfigKeys.MeterResponseTimeoutMs));
            var runtime = new PileRuntime(factory, board.Hardware, board.Files, board.MeterBus, board.Supervision, new BootLog(),
                new Esp32ConsolePort());
            runtime.Boot();
            new RuntimeThreads(runtime, board.Hardware.Clock).Start();
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>
        /// Prints each boot record on UART0 (the boot log), so whoever flashed the pile sees it came up and why it booted;
        /// the rest of the stream waits for telemetry to be wired in.
        /// </summary>
        private sealed class BootLog : IEventConsumer
        {
            public void Write(PileEvent e)
            {
                if (e.Kind == EventKind.Boot)
                    Console.WriteLine("ChargeController: boot " + Names.Of((BootReason)e.Code) + ", boot number " + e.Value.ToString());
            }
        }
    }
}

using System;
using System.IO.Ports;
using System.Threading;
using ChargeController.Esp32.Board;
using ChargeController.Hal;

namespace ChargeController.App
{
    /// <summary>
    /// The pile's entry point. Until the device runtime (issue 9) exists to build the core and its threads from the board,
    /// the image opens the board and holds the pile unavailable: contactor open, pilot at -12 V (state F), LEDs dark. It
    /// kicks the external watchdog because nothing else runs; once the runtime lands, Main becomes
    /// "open the board, start the runtime" and the supervisor kicks only while the control loop is healthy.
    /// </summary>
    public static class Program
    {
        private const int WatchdogKickMs = 500;

        public static void Main()
        {
            var board = Esp32Board.Open(ReferenceBoard.NominalPilotCalibration(), ReferenceBoard.NominalPinCalibration(), 9600, Parity.None, 300);
            board.Hardware.Pilot.Drive(PilotMode.StateF, 0);
            board.Hardware.Indicator.Show(IndicatorPattern.Unavailable);
            Console.WriteLine("ChargeController: reference board open; no runtime yet, pile held unavailable (state F)");
            while (true)
            {
                board.Supervision.KickWatchdog();
                Thread.Sleep(WatchdogKickMs);
            }
        }
    }
}

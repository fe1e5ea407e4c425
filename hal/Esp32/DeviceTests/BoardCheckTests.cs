using System.Threading;
using ChargeController.Esp32.Board;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Pilot;
using ChargeController.Hal;
using nanoFramework.TestFramework;

namespace ChargeController.DeviceTests
{
    /// <summary>
    /// Hardware check of an assembled reference board on the bench (docs/flashing.md, "Board check"): a GB/T test plug in
    /// the socket (CC 680 ohm, R3 2.74 kohm behind a diode, S2 open: state B), the contactor coil supplied but no mains on
    /// its contacts, the e-stop released, the RDC-DD module powered. Opens the board once; each test leaves outputs safe.
    /// </summary>
    [TestClass]
    public class BoardCheckTests
    {
        private const int ToleranceMv = 800;
        private static Esp32Board _board;

        private static Esp32Board Board()
        {
            if (_board == null)
                _board = Esp32Board.Open(PilotCalibration.From(new PileConfig()), ReferenceBoard.NominalPinCalibration(), 9600, SerialParity.None, 300);
            return _board;
        }

        private static void AssertNear(int expectedMv, int actualMv, string what) =>
            Assert.IsTrue(actualMv >= expectedMv - ToleranceMv && actualMv <= expectedMv + ToleranceMv,
                what + ": expected " + expectedMv.ToString() + " mV +-" + ToleranceMv.ToString() + ", read " + actualMv.ToString());

        private static void Settle() => Thread.Sleep(20);

        [TestMethod]
        public void PilotConstantLevelsAreTheCalibrationPoints()
        {
            var pilot = Board().Hardware.Pilot;
            pilot.Drive(PilotMode.StateF, 0);
            Settle();
            AssertNear(-12000, pilot.HighLevelMv, "state F (-12 V)");
            pilot.Drive(PilotMode.Off, 0);
            Settle();
            AssertNear(9000, pilot.HighLevelMv, "+12 V into the test plug (state B, 9 V)");
        }

        /// <summary>
        /// Prints the raw counts of the two pilot calibration points (docs/hardware.md): run it with nothing plugged in and
        /// measure the CP voltage at each level with a multimeter; counts and millivolts go into the pilot.cal.* keys.
        /// </summary>
        [TestMethod]
        public void PilotCalibrationCountsArePrinted()
        {
            var board = Board();
            board.Hardware.Pilot.Drive(PilotMode.StateF, 0);
            Settle();
            var low = MeanCounts(board);
            board.Hardware.Pilot.Drive(PilotMode.Off, 0);
            Settle();
            var high = MeanCounts(board);
            OutputHelper.WriteLine("pilot.cal.lowCounts=" + low.ToString() + " (state F), pilot.cal.highCounts=" + high.ToString() + " (+12 V)");
            Assert.IsTrue(low < high, "the -12 V point must read fewer counts than the +12 V point");
        }

        private static int MeanCounts(Esp32Board board)
        {
            const int Samples = 256;
            var sum = 0;
            for (var i = 0; i < Samples; i++)
                sum += board.PilotSense.ReadValue();
            return sum / Samples;
        }

        [TestMethod]
        public void PwmPlateausReadBackAtTenFiftyAndNinetyPercent()
        {
            var pilot = Board().Hardware.Pilot;
            var duties = new[] { 100, 500, 900 };
            foreach (var duty in duties)
            {
                pilot.Drive(PilotMode.Pwm, duty);
                for (var burst = 0; burst < 100; burst++)
                {
                    Thread.Sleep(2);
                    AssertNear(9000, pilot.HighLevelMv, "high plateau at " + duty.ToString() + " permille, burst " + burst.ToString());
                    AssertNear(-12000, pilot.LowLevelMv, "low plateau (vehicle diode) at " + duty.ToString() + " permille");
                }
            }
            pilot.Drive(PilotMode.Off, 0);
        }

        /// <summary>
        /// GB/T 18487.1 asks for 1000 Hz +-30 Hz. Rising edges are counted in a run of raw pilot samples against a threshold
        /// halfway between the nominal -12 V (357 counts) and the test plug's +9 V (2856 counts), over at least 200 ms of
        /// the clock: +-1 ms of clock resolution is +-0.5 %. Samples must come faster than 2 kHz or the count aliases, so a
        /// slow run fails rather than passes.
        /// </summary>
        [TestMethod]
        public void PwmRunsAtOneKilohertz()
        {
            const int MidCounts = 1600;
            const int MinWindowMs = 200;
            var board = Board();
            board.Hardware.Pilot.Drive(PilotMode.Pwm, 500);
            Settle();
            var clock = board.Hardware.Clock;
            var rising = 0;
            var samples = 0;
            var wasHigh = board.PilotSense.ReadValue() > MidCounts;
            var startMs = clock.NowMs;
            while (clock.NowMs - startMs < MinWindowMs)
            {
                var high = board.PilotSense.ReadValue() > MidCounts;
                if (high && !wasHigh)
                    rising++;
                wasHigh = high;
                samples++;
            }
            var elapsedMs = clock.NowMs - startMs;
            board.Hardware.Pilot.Drive(PilotMode.Off, 0);
            Assert.IsTrue(samples * 1000L / elapsedMs > 2000, "only " + samples.ToString() + " samples in " + elapsedMs.ToString() + " ms: too slow to count 1 kHz");
            var hz = rising * 1000L / elapsedMs;
            Assert.IsTrue(hz >= 970 && hz <= 1030, "PWM at " + hz.ToString() + " Hz, expected 1000 +-30");
        }

        [TestMethod]
        public void ConnectionConfirmReadsTheTestPlugs680Ohms()
        {
            var ohms = Board().Hardware.ConnectionConfirm.ResistanceOhms;
            Assert.IsTrue(ohms >= 612 && ohms <= 748, "CC: expected 680 ohm +-10 %, read " + ohms.ToString());
        }

        [TestMethod]
        public void ContactorFeedbackFollowsTheCoil()
        {
            var contactor = Board().Hardware.Contactor;
            Assert.IsFalse(contactor.FeedbackClosed, "aux contact reads closed before the coil is energised");
            contactor.Command(true);
            Thread.Sleep(200);
            var closed = contactor.FeedbackClosed;
            contactor.Command(false);
            Thread.Sleep(200);
            Assert.IsTrue(closed, "aux contact did not close within 200 ms");
            Assert.IsFalse(contactor.FeedbackClosed, "aux contact did not open within 200 ms");
        }

        [TestMethod]
        public void ResidualCurrentTestCurrentTripsTheModule()
        {
            var rcd = Board().Hardware.ResidualCurrent;
            Assert.IsFalse(rcd.AcTripped || rcd.DcTripped, "RDC-DD reads tripped before the test");
            rcd.SetTestCurrent(true);
            Thread.Sleep(300);
            var tripped = rcd.AcTripped || rcd.DcTripped;
            rcd.SetTestCurrent(false);
            Assert.IsTrue(tripped, "RDC-DD did not trip within 300 ms of its test current");
        }

        [TestMethod]
        public void InputsAtRest()
        {
            var hardware = Board().Hardware;
            Assert.IsFalse(hardware.EmergencyStop.Pressed, "e-stop reads pressed (loop open?)");
            var enclosure = hardware.Temperatures.EnclosureDeciC;
            Assert.IsTrue(enclosure > -300 && enclosure < 600, "enclosure NTC reads " + enclosure.ToString() + " x0.1 C");
            var connector = hardware.Temperatures.ConnectorDeciC;
            Assert.IsTrue(connector > -300 && connector < 600, "connector NTC reads " + connector.ToString() + " x0.1 C");
        }

        [TestMethod]
        public void ClockIsMonotonic()
        {
            var clock = Board().Hardware.Clock;
            var before = clock.NowMs;
            Thread.Sleep(50);
            var elapsed = clock.NowMs - before;
            Assert.IsTrue(elapsed >= 50 && elapsed < 100, "50 ms sleep took " + elapsed.ToString() + " ms");
        }
    }
}

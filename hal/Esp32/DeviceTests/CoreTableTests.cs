using ChargeController.Firmware.Pilot;
using ChargeController.Hal;
using nanoFramework.TestFramework;

namespace ChargeController.DeviceTests
{
    /// <summary>
    /// The core's tables, run on the device's interpreter: the same rows as the .NET tests, to catch what differs on
    /// nanoFramework (integer width, division, the interpreter itself). No hardware needed; runs on any ESP32.
    /// </summary>
    [TestClass]
    public class CoreTableTests
    {
        [TestMethod]
        public void DutyFromCurrent()
        {
            Assert.AreEqual(100, PilotDuty.FromCurrentMa(6000));
            Assert.AreEqual(266, PilotDuty.FromCurrentMa(16000));
            Assert.AreEqual(533, PilotDuty.FromCurrentMa(32000));
            Assert.AreEqual(850, PilotDuty.FromCurrentMa(51000));
            Assert.AreEqual(851, PilotDuty.FromCurrentMa(52750));
        }

        [TestMethod]
        public void PilotLevelsClassify()
        {
            Assert.IsTrue(PilotClassifier.Classify(12000) == PilotState.A);
            Assert.IsTrue(PilotClassifier.Classify(11199) == PilotState.Invalid);
            Assert.IsTrue(PilotClassifier.Classify(9000) == PilotState.B);
            Assert.IsTrue(PilotClassifier.Classify(8978) == PilotState.B);
        }

        [TestMethod]
        public void CalibrationAndCurvesInIntegers()
        {
            Assert.AreEqual(6000, new LinearCalibration(310, -12000, 3790, 12000).ToMillivolts(2920));
            Assert.AreEqual(680, PullUpDivider.LowerOhms(1336, 3300, 1000, 150));
            Assert.AreEqual(300, new PiecewiseLinear(new[] { 2543, 657, 282 }, new[] { 0, 600, 900 }).At(1600));
        }
    }
}

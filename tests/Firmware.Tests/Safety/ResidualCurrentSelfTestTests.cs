using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using Xunit;

namespace ChargeController.Tests.Safety;

/// <summary>The self-test's own steps against a device that behaves in each way a real one can.</summary>
public class ResidualCurrentSelfTestTests
{
    /// <summary>A device whose reaction to the test current is scripted.</summary>
    private sealed class ScriptedDevice : IResidualCurrentDevice
    {
        public bool TripsOnTest = true;
        public bool StaysTrippedAfterRelease;
        public bool Testing;
        private bool _latchedTrip;

        public bool AcTripped => false;
        public bool DcTripped => (Testing && TripsOnTest) || _latchedTrip;

        public void SetTestCurrent(bool active)
        {
            if (!active && Testing && TripsOnTest && StaysTrippedAfterRelease)
                _latchedTrip = true;
            Testing = active;
        }
    }

    private static ResidualCurrentSelfTest RunToEnd(ScriptedDevice device, out bool failedOnce)
    {
        var test = new ResidualCurrentSelfTest(device);
        test.Start(0);
        failedOnce = false;
        for (long t = 10; t <= 3 * ResidualCurrentSelfTest.StepTimeoutMs && test.Busy; t += 10)
        {
            test.Update(t);
            failedOnce |= test.FailedNow;
        }
        Assert.False(test.Busy, "the test ends within its step timeouts");
        Assert.False(device.Testing, "the test current is off once the test has ended");
        return test;
    }

    [Fact]
    public void AWorkingDevicePasses()
    {
        var test = RunToEnd(new ScriptedDevice(), out var failed);
        Assert.True(test.Passed);
        Assert.False(failed);
    }

    [Fact]
    public void ADeviceThatIgnoresTheTestCurrentFails()
    {
        var test = RunToEnd(new ScriptedDevice { TripsOnTest = false }, out var failed);
        Assert.False(test.Passed);
        Assert.True(failed);
    }

    [Fact]
    public void ADeviceThatStaysTrippedAfterTheTestCurrentIsReleasedFails()
    {
        var test = RunToEnd(new ScriptedDevice { StaysTrippedAfterRelease = true }, out var failed);
        Assert.False(test.Passed);
        Assert.True(failed);
    }
}

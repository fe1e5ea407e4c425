using ChargeController.Firmware.Config;
using ChargeController.Firmware.Network;
using Xunit;

namespace ChargeController.Tests.Network;

/// <summary>Our Wi-Fi retry and reboot policy on virtual time.</summary>
public class WifiPolicyTests
{
    private const int RetryMs = 30_000;
    private const long RebootAfterMs = 30 * 60_000;

    [Fact]
    public void UpMeansNothingToDo()
    {
        var policy = new WifiPolicy(RetryMs, RebootAfterMs);
        for (long t = 0; t < 2 * RebootAfterMs; t += 1000)
            Assert.Equal(WifiAction.None, policy.Next(t, connected: true, sessionRunning: false));
    }

    [Fact]
    public void DownTriesAtOnceThenEveryRetryInterval()
    {
        var policy = new WifiPolicy(RetryMs, RebootAfterMs);
        var attempts = new List<long>();
        for (long t = 5000; t < 5000 + 100_000; t += 1000)
            if (policy.Next(t, false, false) == WifiAction.Connect)
                attempts.Add(t);
        Assert.Equal(new long[] { 5000, 35_000, 65_000, 95_000 }, attempts);
        Assert.Equal(4, policy.Attempts);
    }

    [Fact]
    public void RebootsAfterTheLimitOnlyWhileNoSessionRuns()
    {
        var policy = new WifiPolicy(RetryMs, RebootAfterMs);
        policy.Next(0, false, false);
        Assert.NotEqual(WifiAction.Reboot, policy.Next(RebootAfterMs - 1, false, false));
        Assert.NotEqual(WifiAction.Reboot, policy.Next(RebootAfterMs, false, sessionRunning: true));
        Assert.NotEqual(WifiAction.Reboot, policy.Next(RebootAfterMs + 60_000, false, sessionRunning: true));
        Assert.Equal(WifiAction.Reboot, policy.Next(RebootAfterMs + 61_000, false, sessionRunning: false));
    }

    [Fact]
    public void ANetworkThatCameBackStartsTheCountAgain()
    {
        var policy = new WifiPolicy(RetryMs, RebootAfterMs);
        policy.Next(0, false, false);
        policy.Next(RebootAfterMs - 1000, true, false);
        Assert.Equal(0, policy.Attempts);
        Assert.Equal(WifiAction.Connect, policy.Next(RebootAfterMs, false, false));
        Assert.NotEqual(WifiAction.Reboot, policy.Next(2 * RebootAfterMs - 1001, false, false));
        Assert.Equal(WifiAction.Reboot, policy.Next(2 * RebootAfterMs, false, false));
    }

    [Fact]
    public void ZeroNeverReboots()
    {
        var policy = new WifiPolicy(RetryMs, 0);
        for (long t = 0; t < 48L * 3600_000; t += 60_000)
            Assert.NotEqual(WifiAction.Reboot, policy.Next(t, false, false));
    }

    [Fact]
    public void TheConfigKeysSetIt()
    {
        var config = new PileConfig();
        Assert.Null(config.SetAssignment("wifi.retryS=10"));
        Assert.Null(config.SetAssignment("wifi.rebootAfterMin=2"));
        var policy = WifiPolicy.From(config);
        Assert.Equal(WifiAction.Connect, policy.Next(0, false, false));
        Assert.Equal(WifiAction.None, policy.Next(9_999, false, false));
        Assert.Equal(WifiAction.Connect, policy.Next(10_000, false, false));
        Assert.NotEqual(WifiAction.Reboot, policy.Next(119_999, false, false));
        Assert.Equal(WifiAction.Reboot, policy.Next(120_000, false, false));
    }
}

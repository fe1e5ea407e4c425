using ChargeController.Firmware.Config;
using Xunit;

namespace ChargeController.Tests.Link;

/// <summary>
/// The default keepalive against the carriers' NAT (docs/deployment.md, Keepalive): behind a NAT that forgets a TCP
/// connection idle for 5 minutes, the idle time measured on Chinese carriers' mobile networks, an idle pile keeps its
/// one connection a whole day with the default (and the platform never sees it offline), and one whose keepalive is
/// longer loses it again and again.
/// </summary>
public class NatTimeoutTests
{
    /// <summary>The NAT idle timeout the default must stay below (China Mobile and China Unicom: 5 min; sources in the doc).</summary>
    private const long CarrierNatIdleMs = 300_000;
    private const long DayMs = 24 * 3_600_000L;

    /// <returns>the connects the pile made in an idle day, and the offline statuses the platform saw</returns>
    private static (int Attempts, int Offline) IdleDay(string? setting)
    {
        var config = new PileConfig();
        if (setting != null)
            config.SetAssignment(setting);
        var (sim, _, broker) = LinkRun.Start(config, s => s.Link.NatIdleTimeoutMs = CarrierNatIdleMs);
        sim.AdvanceTo(DayMs);
        return (sim.Link.ConnectAttempts, broker.On("/status").Count(s => !s.GetProperty("online").GetBoolean()));
    }

    [Fact]
    public void WithTheDefaultKeepaliveAnIdlePileKeepsItsConnectionADayBehindAFiveMinuteNat()
    {
        Assert.Equal((1, 0), IdleDay(null));
    }

    [Fact]
    public void AKeepaliveLongerThanTheNatsTimeoutLosesTheIdleConnection()
    {
        var (attempts, _) = IdleDay("link.keepAliveS=600");
        Assert.True(attempts > 20, $"{attempts} connects: the NAT forgot the connection between telemetry messages");
    }
}

using ChargeController.Firmware.Commands;
using Xunit;

namespace ChargeController.Tests.Commands;

public class BandEnergyTests
{
    [Fact]
    public void ASessionAcrossTwoBandsSplitsItsEnergyAndTheBandsAddUpToEnergyWh()
    {
        var f = new CommandFixture();
        // band 1 until 10:30 local (UTC+8), band 3 from then on
        var slots = "[" + string.Join(",", Enumerable.Range(0, 48).Select(s => s < 21 ? 1 : 3)) + "]";
        ResultAssert.Accepted(f.Cmd("tariff", "\"version\":1,\"utcOffsetMin\":480,\"slots\":" + slots));
        const long tenTwentyEightLocal = 1_763_951_280; // 2025-11-24T02:28:00Z
        f.H.Pile.SetWallClock(tenTwentyEightLocal);
        var bands = new BandEnergy();
        var sparse = new BandEnergy(); // followed every 7 s: the end must count what came after its last reading
        void Run(long toMs)
        {
            for (var t = f.H.NowMs + 10; t <= toMs; t += 10)
            {
                f.RunTo(t);
                bands.Follow(f.H.Pile.Session, f.H.Sim.Poller.Latest, f.H.Sim.Events.WallClockS(f.H.NowMs), f.Handler.Tariff);
                if (t % 7_000 == 0)
                    sparse.Follow(f.H.Pile.Session, f.H.Sim.Poller.Latest, f.H.Sim.Events.WallClockS(f.H.NowMs), f.Handler.Tariff);
            }
        }
        Run(100);
        f.H.At(100, "plug 32A");
        Run(1000);
        f.H.At(1000, "ev ready");
        Run(300_000); // 10:28 to 10:33 local
        f.H.At(300_000, "unplug");
        Run(320_000);
        var session = f.H.Pile.Session;
        Assert.True(session.Ended && session.HasEnergy);
        Assert.Same(session, bands.Session);
        var unixS = f.H.Sim.Events.WallClockS(f.H.NowMs);
        Assert.True(bands.Close(session, session.StopWh, unixS, f.Handler.Tariff));
        Assert.False(bands.Close(session, session.StopWh, unixS, f.Handler.Tariff)); // once
        Assert.True(sparse.Close(session, session.StopWh, unixS, f.Handler.Tariff));
        Assert.True(bands.Wh(1) > 50 && bands.Wh(3) > 50, $"band 1 {bands.Wh(1)} Wh, band 3 {bands.Wh(3)} Wh");
        Assert.Equal(session.EnergyWh, bands.Wh(0) + bands.Wh(1) + bands.Wh(2) + bands.Wh(3));
        Assert.Equal(0, bands.Wh(0) + bands.Wh(2));
        Assert.Equal(session.EnergyWh, sparse.Wh(1) + sparse.Wh(3));
    }
}

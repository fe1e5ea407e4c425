namespace ChargeController.PileSim.Generator;

/// <summary>The `set` lines at 0s: which pile this is (authorisation, phases and meter, connector, a few limits).</summary>
public static class SettingPicker
{
    public static void Add(Draft draft)
    {
        var random = draft.Random;
        if (random.Next(3) == 0)
            draft.Add("set auth.mode=platform");
        if (random.Next(4) == 0)
        {
            draft.Add("set pile.phases=3");
            draft.Add("set meter.profile=" + (random.Next(2) == 0 ? "dtsu666" : "sdm630"));
        }
        else if (random.Next(5) == 0)
            draft.Add("set meter.profile=" + (random.Next(3) == 0 ? "none" : "sdm120"));
        if (random.Next(5) == 0)
            draft.Add("set pile.connector=tethered");
        if (random.Next(4) == 0)
            draft.Add("set pile.ratedCurrentA=" + new[] { 10, 16, 20, 25 }[random.Next(4)]);
        if (random.Next(4) == 0)
            draft.Add("set auth.offline=" + new[] { "refuse", "allow", "fleet" }[random.Next(3)]);
        if (random.Next(4) == 0)
            draft.Add("set pilot.ventilation=on");
        if (random.Next(5) == 0)
            draft.Add("set meter.lossPolicy=continue");
        if (random.Next(5) == 0)
            draft.Add("set link.fallbackAfterS=" + random.Next(0, 121));
        if (random.Next(5) == 0)
            draft.Add("set supervision.stallLimitMs=" + random.Next(100, 2001));
        if (random.Next(5) == 0)
            draft.Add("set fault.rcd.retryDelayS=" + random.Next(0, 31));
        if (random.Next(4) == 0) // a site meter: at address 2, three-phase under a three-phase pile
        {
            draft.Add("set site.mode=" + (random.Next(2) == 0 ? "limit" : "solar"));
            draft.Add("set site.meter.profile=" + (draft.Model.ThreePhase || random.Next(2) == 0 ? "dtsu666" : "ddsu666"));
        }
    }
}

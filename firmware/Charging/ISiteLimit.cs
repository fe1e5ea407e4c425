namespace ChargeController.Firmware.Charging
{
    /// <summary>
    /// What the site lets the pile offer (site.mode limit or solar: the runtime's SiteControl, docs/site.md). The core
    /// updates it each tick, before it decides, and takes its cap like the platform's limit.
    /// </summary>
    public interface ISiteLimit
    {
        /// <summary>Control thread, each tick: the site meter's latest reading into the cap (and its fault).</summary>
        void Update(bool contactorClosed, long nowMs);

        /// <summary>The cap on the pile's offer now, mA.</summary>
        int CapMa { get; }
    }
}

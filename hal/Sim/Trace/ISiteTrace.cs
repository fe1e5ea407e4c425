namespace ChargeController.Sim.Trace
{
    /// <summary>A trace that shows the current at the site's connection point whenever it changes (site.mode limit or solar).</summary>
    public interface ISiteTrace
    {
        /// <param name="l1Ma">signed: negative when the phase exports; L2 and L3 are 0 on a single-phase site</param>
        /// <param name="phases">the site meter's phases (1 or 3)</param>
        void SiteCurrent(long timeMs, int l1Ma, int l2Ma, int l3Ma, int phases);
    }
}

using System.Threading;
using ChargeController.Firmware.Telemetry;

namespace ChargeController.Firmware.Site
{
    /// <summary>
    /// What the telemetry shows of the site, as a few words the control thread writes after each tick and the network
    /// thread copies out without a lock (a version counter odd while the control thread writes, as in the status
    /// snapshot). A tick writes only when a figure changed, which is at a site reading at most.
    /// </summary>
    public sealed class SiteSnapshot
    {
        private const int MaxCopyTries = 4;

        private int _version;
        private int _mode;
        private int _reason;
        private int _targetMa;
        private int _capMa;
        private int _phases;
        private int _l1Ma;
        private int _l2Ma;
        private int _l3Ma;

        /// <summary>Control thread, after each tick.</summary>
        public void Write(SiteControl site)
        {
            if (site.Mode == _mode && site.Reason == _reason && site.TargetMa == _targetMa && site.CapMa == _capMa &&
                site.SitePhases == _phases && site.SiteMa(0) == _l1Ma && site.SiteMa(1) == _l2Ma && site.SiteMa(2) == _l3Ma)
                return;
            Interlocked.Increment(ref _version);
            _mode = site.Mode;
            _reason = site.Reason;
            _targetMa = site.TargetMa;
            _capMa = site.CapMa;
            _phases = site.SitePhases;
            _l1Ma = site.SiteMa(0);
            _l2Ma = site.SiteMa(1);
            _l3Ma = site.SiteMa(2);
            Interlocked.Increment(ref _version);
        }

        /// <summary>Network thread: the site's figures into the telemetry sample (site mode off when no whole copy could be taken).</summary>
        public void CopyInto(TelemetrySample sample)
        {
            for (var attempt = 0; attempt < MaxCopyTries; attempt++)
            {
                var before = Interlocked.CompareExchange(ref _version, 0, 0);
                if ((before & 1) != 0)
                    continue;
                sample.SiteMode = _mode;
                sample.SiteReason = _reason;
                sample.SiteTargetMa = _targetMa;
                sample.SiteCapMa = _capMa;
                sample.SitePhases = _phases;
                sample.SiteMa[0] = _l1Ma;
                sample.SiteMa[1] = _l2Ma;
                sample.SiteMa[2] = _l3Ma;
                if (Interlocked.CompareExchange(ref _version, 0, 0) == before)
                    return;
            }
            sample.SiteMode = SiteSetup.ModeOff;
        }
    }
}

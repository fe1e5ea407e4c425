using System.Threading;
using ChargeController.Firmware.Site;
using ChargeController.Firmware.Telemetry;

namespace ChargeController.Runtime
{
    /// <summary>
    /// What the telemetry shows of the site, as a few words the control thread writes after each tick and the network
    /// thread copies out without a lock (a version counter odd while the control thread writes, each word published
    /// with Interlocked, as in the status snapshot). A tick writes only when a figure changed, which is at a site reading at most. The network thread
    /// writes the telemetry's "site" object from a whole copy.
    /// </summary>
    public sealed class SiteSnapshot : ISiteTelemetry
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

        /// <summary>Control thread, after each tick: the site's mode, reason code, headroom, cap, phases and signed currents.</summary>
        public void Write(int mode, int reason, int targetMa, int capMa, int phases, int l1Ma, int l2Ma, int l3Ma)
        {
            if (mode == _mode && reason == _reason && targetMa == _targetMa && capMa == _capMa && phases == _phases &&
                l1Ma == _l1Ma && l2Ma == _l2Ma && l3Ma == _l3Ma)
                return;
            Interlocked.Increment(ref _version);
            Interlocked.Exchange(ref _mode, mode);
            Interlocked.Exchange(ref _reason, reason);
            Interlocked.Exchange(ref _targetMa, targetMa);
            Interlocked.Exchange(ref _capMa, capMa);
            Interlocked.Exchange(ref _phases, phases);
            Interlocked.Exchange(ref _l1Ma, l1Ma);
            Interlocked.Exchange(ref _l2Ma, l2Ma);
            Interlocked.Exchange(ref _l3Ma, l3Ma);
            Interlocked.Increment(ref _version);
        }

        private static int Read(ref int word) => Interlocked.CompareExchange(ref word, 0, 0);

        /// <summary>Network thread: "site":{"mode":..,"currentA":[..],"headroomA":..,"capA":..,"reason":..} from a whole copy (nothing when none could be taken).</summary>
        public void Encode(JsonWriter w)
        {
            for (var attempt = 0; attempt < MaxCopyTries; attempt++)
            {
                var before = Interlocked.CompareExchange(ref _version, 0, 0);
                if ((before & 1) != 0)
                    continue;
                var mode = Read(ref _mode);
                var reason = Read(ref _reason);
                var targetMa = Read(ref _targetMa);
                var capMa = Read(ref _capMa);
                var phases = Read(ref _phases);
                var l1Ma = Read(ref _l1Ma);
                var l2Ma = Read(ref _l2Ma);
                var l3Ma = Read(ref _l3Ma);
                if (Interlocked.CompareExchange(ref _version, 0, 0) != before || mode == SiteSetup.ModeOff)
                    continue;
                w.BeginObject("site").String("mode", mode == SiteSetup.ModeLimit ? "limit" : "solar").BeginArray("currentA").Fixed(l1Ma / 10, 2);
                if (phases == 3)
                    w.Fixed(l2Ma / 10, 2).Fixed(l3Ma / 10, 2);
                w.EndArray().Fixed("headroomA", (targetMa < 0 ? 0 : targetMa) / 100, 1).Fixed("capA", (capMa < 0 ? 0 : capMa) / 100, 1)
                    .String("reason", SiteReason.Name(reason)).EndObject();
                return;
            }
        }
    }
}

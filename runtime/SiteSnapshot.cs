using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Site;
using ChargeController.Firmware.Telemetry;

namespace ChargeController.Runtime
{
    /// <summary>
    /// What the telemetry shows of the site, as a few words the control thread writes after each tick and the network
    /// thread copies out without a lock (<see cref="SnapshotWords"/>, as the status snapshot). A tick writes only when a
    /// figure changed, which is at a site reading at most. The network thread writes the telemetry's "site" object from a
    /// whole copy.
    /// </summary>
    public sealed class SiteSnapshot : ISiteTelemetry
    {
        private const int Mode = 0;
        private const int Reason = 1;
        private const int TargetMa = 2;
        private const int CapMa = 3;
        private const int Phases = 4;
        private const int L1Ma = 5;
        private const int Words = 8;

        private readonly SnapshotWords _words = new SnapshotWords(Words);
        /// <summary>The network thread's copy.</summary>
        private readonly int[] _copy = new int[Words];

        /// <summary>Control thread, after each tick: the site's mode, reason code, headroom, cap, phases and signed currents.</summary>
        public void Write(int mode, int reason, int targetMa, int capMa, int phases, int l1Ma, int l2Ma, int l3Ma)
        {
            var w = _words;
            if (mode == w[Mode] && reason == w[Reason] && targetMa == w[TargetMa] && capMa == w[CapMa] && phases == w[Phases] &&
                l1Ma == w[L1Ma] && l2Ma == w[L1Ma + 1] && l3Ma == w[L1Ma + 2])
                return;
            w.BeginWrite();
            w.Set(Mode, mode);
            w.Set(Reason, reason);
            w.Set(TargetMa, targetMa);
            w.Set(CapMa, capMa);
            w.Set(Phases, phases);
            w.Set(L1Ma, l1Ma);
            w.Set(L1Ma + 1, l2Ma);
            w.Set(L1Ma + 2, l3Ma);
            w.EndWrite();
        }

        /// <summary>Network thread: "site":{"mode":..,"currentA":[..],"headroomA":..,"capA":..,"reason":..} from a whole copy (nothing when none could be taken).</summary>
        public void Encode(JsonWriter w)
        {
            var c = _copy;
            if (!_words.CopyTo(c) || c[Mode] == SiteSetup.ModeOff)
                return;
            w.BeginObject("site").String("mode", c[Mode] == SiteSetup.ModeLimit ? "limit" : "solar").BeginArray("currentA").Fixed(c[L1Ma] / 10, 2);
            if (c[Phases] == 3)
                w.Fixed(c[L1Ma + 1] / 10, 2).Fixed(c[L1Ma + 2] / 10, 2);
            w.EndArray().Fixed("headroomA", (c[TargetMa] < 0 ? 0 : c[TargetMa]) / 100, 1).Fixed("capA", (c[CapMa] < 0 ? 0 : c[CapMa]) / 100, 1)
                .String("reason", SiteReason.Name(c[Reason])).EndObject();
        }
    }
}

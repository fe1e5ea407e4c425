using ChargeController.Hal;

namespace ChargeController.Esp32.Inputs
{
    /// <summary>
    /// The reference board measures no mains voltage itself: the energy meter does. The meter thread publishes each valid
    /// reading's voltage here (runtime MeterWork) and the control thread reads it; an int is written and read whole (and
    /// managed threads share one RTOS task, so no stale copy exists): no lock needed.
    /// Until the first reading the nominal voltage stands in, so a pile without its meter reading yet is not in fault.
    /// </summary>
    public sealed class MeteredSupply : IMeteredSupply
    {
        private int _voltageMv;

        public MeteredSupply(int nominalMv) => _voltageMv = nominalMv;

        public int VoltageMv => _voltageMv;

        public void Publish(int voltageMv) => _voltageMv = voltageMv;
    }
}

using ChargeController.Firmware.Handoff;
using ChargeController.Loader;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The slot record (<see cref="SlotState"/>) saved by the storage thread: a copy taken when posted, written over the
    /// older of its two copies (<see cref="SlotStateStore"/>), so a power cut at any byte leaves the state before or after.
    /// </summary>
    public sealed class SlotStateWrite : IFlashWrite
    {
        private readonly SlotStateStore _store;
        private readonly SlotState _copy = new SlotState();

        public SlotStateWrite(SlotStateStore store)
        {
            _store = store;
        }

        public SlotStateWrite Of(SlotState state)
        {
            _copy.CopyFrom(state);
            return this;
        }

        public bool Write() => _store.Save(_copy);
    }
}

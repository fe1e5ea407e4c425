namespace ChargeController.Loader
{
    /// <summary>
    /// Where an installed package lives on the flash: two slots, 0 and 1, each the package's manifest.json, manifest.sig
    /// and files, under the slot's prefix ("slot0-ChargeController.Firmware.pe"). One slot runs, the other takes the
    /// next download. <see cref="Factory"/> ("factory-...") is the package the pile was flashed with, put on the drive
    /// with nanoff's file deployment and never written by an update: what runs when neither slot checks out.
    /// </summary>
    public static class SlotLayout
    {
        public const int Count = 2;
        public const int Factory = -1;

        public static string FileName(int slot, string name) => (slot == Factory ? "factory" : "slot" + slot.ToString()) + "-" + name;

        public static int Other(int slot) => slot == 0 ? 1 : 0;

        public static string Name(int slot) => slot == Factory ? "factory" : "slot " + slot.ToString();
    }
}

using System;
using ChargeController.Loader;
using nanoFramework.Runtime.Native;

namespace ChargeController.LoaderApp
{
    /// <summary>
    /// The pile's power-up: choose a slot (SlotBoot: the record, the key, the checks), load its assemblies from bytes and
    /// run the pile's own entry point, ChargeController.App.Program.Main, by reflection. A slot that checked out but does
    /// not load is marked as crashed and the board reboots, so the next power-up takes the previous slot.
    /// </summary>
    public static class Program
    {
        /// <summary>The loader's version: a manifest's loaderMin above it is refused (loader-too-old).</summary>
        public const int LoaderVersion = 1;
        private const int MaxTrialBoots = 3;
        private const string Root = "I:\\";
        private const string EntryType = "ChargeController.App.Program";
        private const string EntryMethod = "Main";

        public static void Main()
        {
            var boot = new SlotBoot(new LittleFsLoaderFiles(Root), MaxTrialBoots);
            var slot = boot.Choose();
            Console.WriteLine("ChargeController loader " + LoaderVersion.ToString() + ": booting " + SlotLayout.Name(slot) + ", version " +
                UpdateVersion.Format(boot.State.RunningVersion) + (boot.Reason == null ? "" : " (" + boot.Reason + ": " + boot.Detail + ")"));
            var entry = boot.Load(slot, EntryType, EntryMethod);
            if (entry == null)
            {
                Console.WriteLine("ChargeController loader: " + SlotLayout.Name(slot) + " does not load: " + boot.Detail);
                if (slot == SlotLayout.Factory)
                    return; // nothing left to try: nanoCLR stays up for a technician with nanoff
                boot.LoadFailed();
                Power.RebootDevice();
                return;
            }
            entry.Invoke(null, null);
        }
    }
}

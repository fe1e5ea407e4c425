using ChargeController.Loader;

namespace ChargeController.Firmware.Console
{
    /// <summary>What the console's access control keeps across reboots (file console.bin, see <see cref="ConsoleAccessStore"/>).</summary>
    public sealed class ConsoleAccessRecord
    {
        /// <summary>No technician PIN has been set: only the factory PIN logs in, and only for `pin change`.</summary>
        public bool FactoryPin = true;
        /// <summary>Wrong PINs in a row since the last good one.</summary>
        public int Failures;
        /// <summary>Locked out by too many wrong PINs; a reboot restarts the lock-out rather than ending it.</summary>
        public bool Locked;
        /// <summary>The pile's salt: fixed once chosen, so the console thread can hash with it for the whole run.</summary>
        public readonly byte[] Salt = new byte[PinHasher.SaltBytes];
        public readonly byte[] PinHash = new byte[Sha256.DigestBytes];
    }
}

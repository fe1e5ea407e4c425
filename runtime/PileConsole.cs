using ChargeController.Runtime.Console;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Handoff;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The technician console of one boot: the console thread's <see cref="ConsoleTerminal"/> on the port, the control
    /// thread's <see cref="ConsoleShell"/> with its access control, and the two rings between them. Access records and
    /// config changes go to flash through the storage thread's <see cref="FlashWrites"/>.
    /// </summary>
    public sealed class PileConsole
    {
        /// <summary>Lines the console thread may hand over before the control thread has taken them.</summary>
        public const int LineCapacity = 2;
        /// <summary>The reply buffer: a reply longer than this is cut (docs/console.md).</summary>
        public const int OutputBytes = 6144; // `config list` of every key (134) fits whole

        internal PileConsole(PileRuntime runtime, PileHardware hardware, IFileStore store, FlashWrites writes, IByteStream port, EventRing events)
        {
            var nowMs = hardware.Clock.NowMs;
            var lines = new ConsoleLineRing(LineCapacity);
            var output = new ByteRing(OutputBytes);
            Access = new ConsoleAccess(new ConsoleAccessStore(store, writes), NewSalt(nowMs, runtime.LastBoot.BootNumber), events, nowMs);
            Target = new PileConsoleTarget(runtime, hardware, runtime.ConfigWrite);
            Shell = new ConsoleShell(Target, lines, output, Access, events);
            Terminal = new ConsoleTerminal(port, lines, output, Access.Salt, ConsoleAccess.DefaultFactoryPin);
        }

        public ConsoleAccess Access { get; }
        public ConsoleShell Shell { get; }
        /// <summary>The console thread's part.</summary>
        public ConsoleTerminal Terminal { get; }
        public PileConsoleTarget Target { get; }

        /// <summary>
        /// A salt for a pile that has none yet (it is stored with the first access record and kept). On the ESP32,
        /// nanoFramework's Random ignores its seed and reads the chip's hardware generator (esp_random, in nf-interpreter's
        /// targets/ESP32/_nanoCLR/targetRandom.cpp; truly random once the radio runs); the seed, boot time and number, only
        /// makes the simulator's piles differ.
        /// </summary>
        private static byte[] NewSalt(long nowMs, int bootNumber)
        {
            var salt = new byte[PinHasher.SaltBytes];
            new System.Random((int)nowMs ^ (bootNumber << 16)).NextBytes(salt);
            return salt;
        }
    }
}

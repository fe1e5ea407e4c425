using System.Threading;
using ChargeController.Firmware;
using ChargeController.Firmware.Supervision;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The pile on real threads (the device, and the stress test on .NET). The safety thread runs the safety loop every
    /// 10 ms at the highest priority (it can only open the contactor, and its work is a few port reads); the control
    /// thread ticks every 10 ms just below, beside the supervisor, which watches every thread at the same period; the meter and storage threads wake
    /// every 10 ms to do what is due and may block for as long as Modbus or flash takes. The network thread wakes every 50 ms at the
    /// lowest priority and may block on the broker link. The console thread (when the pile has a console port) wakes every
    /// 20 ms and hands lines to the control thread through the console's rings.
    /// </summary>
    public sealed class RuntimeThreads
    {
        public const int WakeMs = Pile.TickMs;
        /// <summary>The network thread's period: acknowledgements and a lost connection are seen within it.</summary>
        public const int NetworkWakeMs = 50;

        private readonly PeriodicThread[] _threads;

        /// <param name="runtime">booted already: the threads run its work from the first tick</param>
        public RuntimeThreads(PileRuntime runtime, IMonotonicClock clock)
        {
            var watch = runtime.Threads;
            var limits = runtime.StallLimits;
            _threads = new[]
            {
                new PeriodicThread(ThreadNames.Safety, runtime.Safety, clock, Pile.TickMs, ThreadPriority.Highest, watch, limits.SafetyMs),
                new PeriodicThread(ThreadNames.Control, runtime.Control, clock, Pile.TickMs, ThreadPriority.AboveNormal, watch, limits.ControlMs),
                new PeriodicThread(ThreadNames.Supervisor, runtime.Supervision, clock, WakeMs, ThreadPriority.AboveNormal, watch, limits.SupervisorMs),
                new PeriodicThread(ThreadNames.Meter, runtime.Meter, clock, WakeMs, ThreadPriority.Normal, watch, limits.MeterMs),
                new PeriodicThread(ThreadNames.Storage, runtime.Storage, clock, WakeMs, ThreadPriority.BelowNormal, watch, limits.StorageMs),
                new PeriodicThread(ThreadNames.Network, runtime.Network, clock, NetworkWakeMs, ThreadPriority.Lowest, watch, limits.NetworkMs),
            };
            if (runtime.ConsoleWork != null)
                _threads = Append(_threads, new PeriodicThread(ThreadNames.Console, runtime.ConsoleWork, clock, ConsoleWakeMs, ThreadPriority.BelowNormal,
                    watch, limits.ConsoleMs));
        }

        /// <summary>The Wi-Fi thread (device only): supervised like the others, its limit the join's timeout and a margin.</summary>
        public static PeriodicThread Wifi(PileRuntime runtime, IRuntimeWork wifi, IMonotonicClock clock, int periodMs) =>
            new PeriodicThread(ThreadNames.Wifi, wifi, clock, periodMs, ThreadPriority.BelowNormal, runtime.Threads, runtime.StallLimits.WifiMs);

        /// <summary>The console thread wakes this often: 115200 baud brings about 230 bytes meanwhile, well within the UART's buffer.</summary>
        public const int ConsoleWakeMs = 20;

        private static PeriodicThread[] Append(PeriodicThread[] threads, PeriodicThread thread)
        {
            var all = new PeriodicThread[threads.Length + 1];
            System.Array.Copy(threads, all, threads.Length);
            all[threads.Length] = thread;
            return all;
        }

        public void Start()
        {
            foreach (var thread in _threads)
                thread.Start();
        }

        /// <summary>Ends every thread (tests); the device runs until it reboots.</summary>
        public void Stop()
        {
            foreach (var thread in _threads)
                thread.Stop();
        }
    }
}

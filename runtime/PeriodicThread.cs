using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// A thread that runs one <see cref="IRuntimeWork"/> every period on the monotonic clock, supervised (it beats in a
    /// <see cref="ThreadWatch"/> after each wake-up, and an exception in its work ends it as failed, never silently), at fixed rate: a wake-up
    /// that comes late is not made up for by a burst, the schedule restarts from now. Work per wake-up stays short (all
    /// managed threads share one RTOS task with a 20 ms quantum on the ESP32).
    ///
    /// A late thread runs again at once and never calls Thread.Sleep(0): on nanoCLR that call moves the caller behind every
    /// other ready thread (nf-interpreter, Thread.Sleep's native part: UpdateToLowestExecutionCounter), so a control
    /// thread late once waited for a whole quantum of each busy lower thread, was late again, and stayed there (measured
    /// with tools/NanoClr/timing.sh: 22 ticks a second instead of 100, gaps of 390 ms).
    /// </summary>
    public sealed class PeriodicThread
    {
        private readonly IRuntimeWork _work;
        private readonly IMonotonicClock _clock;
        private readonly int _periodMs;
        private readonly Thread _thread;
        private readonly ThreadWatch _watch;
        private readonly int _slot;
        private int _stopping;

        /// <param name="watch">where the thread beats and reports its death (the supervisor thread looks)</param>
        /// <param name="stallLimitMs">the longest a wake-up's work may block (docs/supervision.md, Every thread)</param>
        public PeriodicThread(string name, IRuntimeWork work, IMonotonicClock clock, int periodMs, ThreadPriority priority,
            ThreadWatch watch, int stallLimitMs)
        {
            _work = work;
            _clock = clock;
            _periodMs = periodMs;
            _watch = watch;
            _slot = watch.Register(name, stallLimitMs);
            _thread = new Thread(Run);
            _thread.Priority = priority;
        }

        public void Start() => _thread.Start();

        /// <summary>Asks the thread to end after its current wake-up and waits for it (tests; the device never stops).</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref _stopping, 1);
            _thread.Join();
        }

        private void Run()
        {
            var nextMs = _clock.NowMs;
            while (Interlocked.CompareExchange(ref _stopping, 0, 0) == 0)
            {
                try
                {
                    _work.RunOnce(_clock.NowMs);
                }
                catch (System.Exception)
                {
                    _watch.Fail(_slot); // the supervisor's policy: outputs safe, then a reboot that names this thread
                    return;
                }
                _watch.Beat(_slot);
                nextMs += _periodMs;
                var nowMs = _clock.NowMs;
                if (nextMs > nowMs)
                    Thread.Sleep((int)(nextMs - nowMs));
                else
                    nextMs = nowMs; // late (a long poll, a flash write, a collection): carry on from now, at once
            }
        }
    }
}

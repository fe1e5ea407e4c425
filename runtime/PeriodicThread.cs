using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Runtime
{
    /// <summary>
    /// A thread that runs one <see cref="IRuntimeWork"/> every period on the monotonic clock, at fixed rate: a wake-up
    /// that comes late is not made up for by a burst, the schedule restarts from now. Work per wake-up stays short (all
    /// managed threads share one RTOS task with a 20 ms quantum on the ESP32).
    /// </summary>
    public sealed class PeriodicThread
    {
        private readonly IRuntimeWork _work;
        private readonly IMonotonicClock _clock;
        private readonly int _periodMs;
        private readonly Thread _thread;
        private int _stopping;

        public PeriodicThread(IRuntimeWork work, IMonotonicClock clock, int periodMs, ThreadPriority priority)
        {
            _work = work;
            _clock = clock;
            _periodMs = periodMs;
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
                _work.RunOnce(_clock.NowMs);
                nextMs += _periodMs;
                var nowMs = _clock.NowMs;
                if (nextMs < nowMs)
                    nextMs = nowMs; // late (a long poll, a flash write, a collection): carry on from now
                Thread.Sleep((int)(nextMs - nowMs));
            }
        }
    }
}

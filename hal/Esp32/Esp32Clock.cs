using System;
using ChargeController.Hal;

namespace ChargeController.Esp32
{
    /// <summary>Milliseconds since boot from the RTOS tick count (nanoFramework.Runtime.Native): monotonic, 64-bit.</summary>
    public sealed class Esp32Clock : IMonotonicClock
    {
        public long NowMs => Environment.TickCount64;
    }
}

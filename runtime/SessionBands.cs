using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Sessions;

namespace ChargeController.Runtime
{
    /// <summary>
    /// A session's energy by tariff band, closed on the control thread just before its end event: while a tariff is in
    /// force the figures go into the ring first (EventKind.Bands), so the storage thread journals them in the session's
    /// close record and the platform's session-end message carries them (bandsWh). Without a tariff all is band 0, which
    /// energyWh already says.
    /// </summary>
    internal sealed class SessionBands : ISessionEndObserver
    {
        private readonly PileRuntime _runtime;

        public SessionBands(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public void Ending(Session session, long stopWh, long nowMs)
        {
            var bands = _runtime.Bands;
            var events = _runtime.Events;
            var tariff = _runtime.Commands.Tariff;
            if (bands.Close(session, stopWh, events.WallClockS(nowMs), tariff) && tariff.Version > 0)
                events.Bands(nowMs, session.Id, (int)bands.Wh(0), (int)bands.Wh(1), (int)bands.Wh(2), (int)bands.Wh(3));
        }
    }
}

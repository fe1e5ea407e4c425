using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Sessions;

namespace ChargeController.Runtime
{
    /// <summary>
    /// A session's energy by tariff band, closed on the control thread just before its end event: while a tariff is in
    /// force the end event carries the figures (in its second ring slot), so the storage thread journals them in the
    /// session's close record and the platform's session-end message carries them (bandsWh). Without a tariff all is band
    /// 0, which energyWh already says. With a site meter the end carries its solar energy too (<see cref="SessionSolar"/>).
    /// </summary>
    internal sealed class SessionBands : ISessionEndObserver
    {
        private readonly PileRuntime _runtime;

        public SessionBands(PileRuntime runtime)
        {
            _runtime = runtime;
        }

        public bool Ending(Session session, long stopWh, long nowMs, int[] bandsWh)
        {
            var bands = _runtime.Bands;
            var tariff = _runtime.Commands.Tariff;
            if (!bands.Close(session, stopWh, _runtime.Events.WallClockS(nowMs), tariff) || tariff.Version == 0)
                return false;
            for (var band = 0; band < bandsWh.Length; band++)
                bandsWh[band] = (int)bands.Wh(band);
            return true;
        }

        public int SolarWh(Session session, long energyWh) => _runtime.Solar == null ? -1 : _runtime.Solar.Wh(session, energyWh);
    }
}

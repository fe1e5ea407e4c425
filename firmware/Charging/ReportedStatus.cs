using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;

namespace ChargeController.Firmware.Charging
{
    /// <summary>The connector status and error code last reported: each change goes into the event stream and onto the indicator.</summary>
    public sealed class ReportedStatus
    {
        private readonly IIndicator _indicator;
        private readonly EventRing _events;

        public ReportedStatus(IIndicator indicator, EventRing events)
        {
            _indicator = indicator;
            _events = events;
        }

        public ConnectorStatus Status { get; private set; } = ConnectorStatus.Available;
        public ErrorCode Error { get; private set; } = ErrorCode.NoError;

        /// <summary>Reports a status even when it has not changed: the first of a run.</summary>
        public void Announce(ConnectorStatus status, ErrorCode error, long nowMs)
        {
            Status = status;
            Error = error;
            _events.Status(nowMs, status, error);
            _indicator.Show(IndicatorOf(status));
        }

        public void Update(ConnectorStatus status, ErrorCode error, long nowMs)
        {
            if (status != Status || error != Error)
                Announce(status, error, nowMs);
        }

        private static IndicatorPattern IndicatorOf(ConnectorStatus status)
        {
            switch (status)
            {
                case ConnectorStatus.Available: return IndicatorPattern.Standby;
                case ConnectorStatus.Charging: return IndicatorPattern.Charging;
                case ConnectorStatus.SuspendedEVSE: return IndicatorPattern.Suspended;
                case ConnectorStatus.Unavailable: return IndicatorPattern.Unavailable;
                case ConnectorStatus.Faulted: return IndicatorPattern.Fault;
                default: return IndicatorPattern.Connected;
            }
        }
    }
}

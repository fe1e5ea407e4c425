using ChargeController.Firmware.Commands;
using ChargeController.Hal;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// What the pile says while up, in <see cref="RunOnce"/>'s order: the delivery probe, the retained status, the outbox's
    /// events and command results (once the probe came back), busy answers, update chunk requests and telemetry.
    /// </summary>
    public sealed partial class LinkSupervisor
    {
        /// <summary>Taken only while up: a trigger is answered before it runs, so its result and its message share the connection.</summary>
        private void TakeTriggers()
        {
            if (_triggers.TakeStatus())
                _statusVersion = -1;
            if (_triggers.TakeTelemetry())
                _telemetryAsked = true;
        }

        /// <summary>The connection's delivery probe, once: to the pile's own echo topic, tracked like any QoS 1 publish.</summary>
        private void PublishProbe(long nowMs)
        {
            if (_probe.Sent || _link.Publish(_topics.Echo, _probe.Payload, 0, _probe.Count, LinkQos.AtLeastOnce, false, out var id) != LinkStatus.Ok)
                return;
            if (!Track(nowMs, id, ProbeTopic, -1))
                return;
            _probe.Published();
            Observe(nowMs, _topics.Echo, _probe.Payload, _probe.Count, LinkQos.AtLeastOnce, false);
        }

        /// <summary>
        /// The retained status on a change, and once more when a backlog it showed has drained (else the broker would keep
        /// saying events are waiting). A drained status follows only a status that showed a backlog, so a weak link whose
        /// backlog comes and goes adds at most one status to each it would publish anyway.
        /// </summary>
        private void PublishStatusIfChanged(long nowMs)
        {
            var version = _snapshot.StatusVersion;
            var backlog = _outbox.Pending;
            var drained = _statusOutbox > 0 && backlog == 0;
            if ((version == _statusVersion && !drained) || !OtherFree())
                return;
            if (!RefreshView())
                return; // the control thread is inside a write: publishing the old view would mark this change as sent
            if (!_status.Online(_view, backlog, _outbox.Dropped, _statistics, nowMs, _snapshot.UnixS(nowMs)))
                return;
            if (!Publish(nowMs, _topics.Status, LinkQos.AtLeastOnce, true, StatusTopic, -1))
                return;
            _statusVersion = version;
            _statusOutbox = backlog;
        }

        private void PublishOutbox(long nowMs)
        {
            var handoff = _outbox.Handoff;
            int slot;
            while (_slotsSent < MaxOutboxInFlight && (slot = handoff.Peek(_slotsSent)) >= 0) // its entries are reserved: see MaxOtherInFlight
            {
                if (_link.Publish(_topics.Events, handoff.Payload(slot), 0, handoff.Length(slot), LinkQos.AtLeastOnce, false, out var id) != LinkStatus.Ok)
                    return;
                if (!Track(nowMs, id, OutboxTopic, _slotsSent))
                    return;
                Observe(nowMs, _topics.Events, handoff.Payload(slot), handoff.Length(slot), LinkQos.AtLeastOnce, false);
                _slotsSent++;
            }
        }

        /// <summary>
        /// The oldest result, one at a time: its slot is released only on its PUBACK (<see cref="Answered"/>), and a
        /// result the connection lost goes again on the next (<see cref="Connect"/>), so none is lost between the pile and
        /// the broker, and they arrive in the order answered.
        /// </summary>
        private void PublishResults(long nowMs)
        {
            var slot = _results.Peek();
            if (slot < 0 || _resultSent || !OtherFree() ||
                _link.Publish(_topics.CommandResults, _results.Payload(slot), 0, _results.Length(slot), LinkQos.AtLeastOnce, false, out var id) != LinkStatus.Ok)
                return;
            if (!Track(nowMs, id, ResultTopic, ResultSlot))
                return;
            _resultSent = true;
            Observe(nowMs, _topics.CommandResults, _results.Payload(slot), _results.Length(slot), LinkQos.AtLeastOnce, false);
        }

        /// <summary>Commands that found the mailbox full: rejected "busy" by this thread, from its own writer.</summary>
        private void PublishBusy(long nowMs)
        {
            var busy = _inbox.Busy;
            int slot;
            while ((slot = busy.Peek()) >= 0 && OtherFree())
            {
                _writer.Reset().BeginObject()
                    .Integer("v", 1)
                    .String("id", busy.Payload(slot), 0, busy.Length(slot))
                    .String("status", "Rejected")
                    .String("reason", CommandReasons.Busy)
                    .String("text", "the pile's command mailbox is full: send it again after a result")
                    .EndObject();
                if (!Publish(nowMs, _topics.CommandResults, LinkQos.AtLeastOnce, false, ResultTopic, -1))
                    return;
                busy.Release();
            }
        }

        /// <summary>The update's chunk request, QoS 0: a lost one is asked again by the control thread after its timeout.</summary>
        private void PublishUpdateRequest(long nowMs)
        {
            var slot = _updates == null ? -1 : _updates.Requests.Peek();
            if (slot < 0)
                return;
            var requests = _updates.Requests;
            if (_link.Publish(_topics.UpdateRequests, requests.Payload(slot), 0, requests.Length(slot), LinkQos.AtMostOnce, false, out var id) != LinkStatus.Ok)
                return;
            Observe(nowMs, _topics.UpdateRequests, requests.Payload(slot), requests.Length(slot), LinkQos.AtMostOnce, false);
            requests.Release();
        }

        private void PublishTelemetryIfDue(long nowMs)
        {
            RefreshView();
            var reading = _meter == null ? null : _meter.Latest;
            var powerW = reading == null ? 0 : reading.ActivePowerW;
            if (!_telemetryAsked && !_schedule.Due(nowMs, _charging, _view.Cp, powerW))
                return;
            _sample.UptimeMs = nowMs;
            _sample.UnixS = _snapshot.UnixS(nowMs);
            _sample.Cp = _view.Cp;
            _sample.AdvertisedMa = _view.AdvertisedMa;
            _sample.SetMeter(reading, _phases);
            _sample.EnclosureDeciC = _temperatures.EnclosureDeciC;
            _sample.ConnectorDeciC = _temperatures.ConnectorDeciC;
            _sample.Site = Site;
            if (!_telemetry.Encode(_sample) || !Publish(nowMs, _topics.Telemetry, LinkQos.AtMostOnce, false, NoTopic, -1))
                return;
            _schedule.Sent(nowMs, _view.Cp, powerW);
            _telemetryAsked = false;
        }

        /// <summary>The control thread's state into <see cref="_view"/>, copied only when its snapshot changed since the last copy.</summary>
        /// <returns>false when the copy failed (the control thread kept writing): the view is an older state</returns>
        private bool RefreshView()
        {
            var version = _snapshot.Version;
            if (version == _viewVersion)
                return true;
            bool charging;
            if (!_snapshot.CopyTo(_view, out charging))
                return false; // the view keeps its last copy, and _charging with it
            _charging = charging;
            _viewVersion = version;
            return true;
        }

        private bool Publish(long nowMs, string topic, LinkQos qos, bool retain, int kind, int slot)
        {
            if (_link.Publish(topic, _writer.Buffer, 0, _writer.Length, qos, retain, out var id) != LinkStatus.Ok)
                return false;
            if (qos == LinkQos.AtLeastOnce && !Track(nowMs, id, kind, slot))
                return false;
            Observe(nowMs, topic, _writer.Buffer, _writer.Length, qos, retain);
            return true;
        }

        private void Observe(long nowMs, string topic, byte[] payload, int count, LinkQos qos, bool retain)
        {
            if (_observer != null)
                _observer.Published(nowMs, topic, payload, count, qos, retain);
        }
    }
}

using System.Threading;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// The table of QoS 1 publishes in flight: entering one, the broker's answers to them, and the outbox slots released
    /// in order once acknowledged.
    /// </summary>
    public sealed partial class LinkSupervisor
    {
        /// <summary>
        /// Whether a status, a command result or a busy answer may be published: fewer than <see cref="MaxOtherInFlight"/>
        /// of them in flight. The outbox never asks: it has at most <see cref="MaxOutboxInFlight"/> in flight, and the rest
        /// of the table is kept for it.
        /// </summary>
        private bool OtherFree()
        {
            var others = 0;
            for (var i = 0; i < MaxInFlight; i++)
                if (_flightTopic[i] != NoTopic && _flightTopic[i] != OutboxTopic)
                    others++;
            return others < MaxOtherInFlight;
        }

        /// <summary>
        /// Enters a publish the link took into the table. It cannot fail while the others keep to <see cref="OtherFree"/>
        /// and the link gives distinct ids; if it does (a broken adapter, a broken rule here), the publish is out
        /// untracked: its PUBACK would match nothing, and an outbox slot would never be released. Then the connection is
        /// dropped (after the reconnect everything unacknowledged goes again) and the pile raises link-tracking.
        /// </summary>
        /// <returns>false when it failed: the caller stops publishing, the link is down</returns>
        private bool Track(long nowMs, int messageId, int kind, int slot)
        {
            var entry = -1;
            var duplicate = false; // the id is already in flight: its acknowledgements would be ambiguous
            for (var i = 0; i < MaxInFlight; i++)
            {
                if (_flightTopic[i] == NoTopic)
                {
                    if (entry < 0)
                        entry = i;
                }
                else if (_flightIds[i] == messageId)
                {
                    duplicate = true;
                }
            }
            if (entry < 0 || duplicate)
            {
                Interlocked.Exchange(ref _trackingFailedWord, 1);
                _link.Disconnect();
                Down(nowMs, "untracked");
                return false;
            }
            _flightIds[entry] = messageId;
            _flightTopic[entry] = kind;
            _flightSlot[entry] = slot;
            _flightSentMs[entry] = nowMs;
            return true;
        }

        /// <summary>
        /// The broker's answer to a publish in flight: accepted (PUBACK) releases what it carried; refused leaves it in place,
        /// unacknowledged, for the next connection, and marks its topic refused until a publish on it is accepted.
        /// </summary>
        /// <returns>false when the broker refused it</returns>
        private bool Answered(int messageId, bool accepted, long nowMs)
        {
            for (var i = 0; i < MaxInFlight; i++)
            {
                var kind = _flightTopic[i];
                if (kind == NoTopic || _flightIds[i] != messageId)
                    continue;
                if (accepted && kind == OutboxTopic && _flightSlot[i] >= 0)
                    _slotAcked[_flightSlot[i]] = true;
                if (accepted && kind == ResultTopic && _flightSlot[i] == ResultSlot)
                {
                    _results.Release(); // the control thread may answer the next command
                    _resultSent = false;
                }
                if (accepted && kind == ProbeTopic)
                    _probe.Acknowledged(nowMs); // only its echo says the broker delivers: the refusal clears there
                else
                    _refusals.Mark(kind, !accepted, RefusedPublish);
                _flightTopic[i] = NoTopic;
                break;
            }
            return accepted;
        }

        /// <summary>Releases the oldest outbox slots once acknowledged, in order: the storage thread moves the cursor over them.</summary>
        private void ReleaseAcknowledgedSlots()
        {
            var released = 0;
            while (released < _slotsSent && _slotAcked[released])
                released++;
            if (released == 0)
                return;
            for (var n = 0; n < released; n++)
                _outbox.Handoff.Release();
            for (var i = 0; i < Outbox.Slots; i++)
                _slotAcked[i] = i + released < Outbox.Slots && _slotAcked[i + released];
            for (var i = 0; i < MaxInFlight; i++)
                if (_flightTopic[i] == OutboxTopic)
                    _flightSlot[i] -= released;
            _slotsSent -= released;
        }

        private bool InFlight(int messageId)
        {
            for (var i = 0; i < MaxInFlight; i++)
                if (_flightTopic[i] != NoTopic && _flightIds[i] == messageId)
                    return true;
            return false;
        }

        private int FreeEntry()
        {
            for (var i = 0; i < MaxInFlight; i++)
                if (_flightTopic[i] == NoTopic)
                    return i;
            return -1;
        }
    }
}

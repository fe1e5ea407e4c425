using System.Threading;
using ChargeController.Hal;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// The session's life: connecting (broker choice, subscriptions, the probe's start), supervising it (acknowledgements,
    /// refusals, the probe's echo, stuck publishes, stability) and going down into the backoff.
    /// </summary>
    public sealed partial class LinkSupervisor
    {
        private void Supervise(long nowMs)
        {
            LinkStatus reason;
            if (_inbox.TakeLost(out reason))
            {
                Down(nowMs, reason == LinkStatus.Timeout ? "timeout" : "lost");
                return;
            }
            int answer;
            var refused = false;
            while ((answer = _inbox.TakeAck()) != 0)
                refused |= !Answered(answer > 0 ? answer : -answer, answer > 0, nowMs);
            ReleaseAcknowledgedSlots();
            if (refused)
            {
                _link.Disconnect(); // what was refused stays unacknowledged: it goes again after the backoff, on a new connection
                Down(nowMs, "denied");
                return;
            }
            if (_inbox.TakeEcho())
            {
                _probe.Echoed();
                _refusals.Mark(ProbeTopic, false, 0);
            }
            else if (_probe.Undelivered(nowMs))
            {
                _link.Disconnect(); // the broker takes this pile's publishes and drops them: nothing more is handed to it
                _refusals.Mark(ProbeTopic, true, NotDelivered);
                Down(nowMs, "undelivered");
                return;
            }
            var deadAfterMs = 2000L * _options.KeepAliveS;
            for (var i = 0; i < MaxInFlight; i++)
            {
                if (_flightTopic[i] != NoTopic && nowMs - _flightSentMs[i] >= deadAfterMs)
                {
                    _link.Disconnect(); // half-open: the broker stopped answering but nothing told us
                    Down(nowMs, "stuck");
                    return;
                }
            }
            if (_upSinceMs >= 0 && nowMs - _upSinceMs >= StableMs)
            {
                _failures = 0;
                _brokerChoice.Held();
                _upSinceMs = -1;
                Interlocked.Exchange(ref _trackingFailedWord, 0); // a connection ran a minute with every publish tracked
            }
        }

        private void Connect(long nowMs)
        {
            _inbox.Forget();
            _options.Broker = _brokerChoice.Current;
            var result = _link.Connect(_options);
            if (result != LinkStatus.Ok)
            {
                _statistics.ConnectFailed(result);
                _brokerChoice.Failed();
                Retry(nowMs, LinkCauses.Of(result));
                return;
            }
            _up = true;
            _upSinceMs = nowMs;
            _statistics.Connected();
            Interlocked.Exchange(ref _reconnectsWord, _statistics.Connects - 1);
            Interlocked.Exchange(ref _linkState, 1);
            if (_observer != null)
                _observer.LinkChanged(nowMs, true, "connected");
            for (var i = 0; i < MaxInFlight; i++)
                _flightTopic[i] = NoTopic;
            for (var i = 0; i < Outbox.Slots; i++)
                _slotAcked[i] = false;
            _slotsSent = 0; // whatever was not acknowledged goes again, in order
            _resultSent = false;
            _statusVersion = -1; // a status on every connect
            _probe.Start(_statistics.Connects);
            _inbox.ExpectEcho(_topics.Echo, _probe, _probe.Nonce);
            var status = _link.Subscribe(_topics.Commands, LinkQos.AtLeastOnce);
            if (status == LinkStatus.Ok && _updates != null)
                status = _link.Subscribe(_topics.UpdateData, LinkQos.AtLeastOnce);
            if (status == LinkStatus.Ok)
                status = _link.Subscribe(_topics.Echo, LinkQos.AtMostOnce);
            if (status == LinkStatus.Ok)
                return;
            _link.Disconnect(); // a pile that cannot hear its commands or its probe has no use for this connection
            if (status == LinkStatus.Refused)
                _refusals.Mark(ProbeTopic, true, RefusedSubscription);
            Down(nowMs, status == LinkStatus.Refused ? "sub-denied" : LinkCauses.Of(status));
        }

        private void Down(long nowMs, string reason)
        {
            _up = false;
            _statistics.Lost();
            if (_upSinceMs >= 0)
            {
                _failures++; // lost before it was stable: the backoff keeps growing
                _brokerChoice.Failed();
            }
            else
            {
                _brokerChoice.LostAfterHolding();
            }
            Retry(nowMs, reason);
        }

        private void Retry(long nowMs, string reason)
        {
            var cause = LinkCauses.IndexOf(reason);
            if (cause != LinkCauses.None)
                Interlocked.Exchange(ref _lastErrorWord, cause);
            var wasKnown = _linkState != LinkUnknown;
            var wasUp = _linkState == 1;
            Interlocked.Exchange(ref _linkState, 0);
            if (_observer != null && (wasUp || !wasKnown))
                _observer.LinkChanged(nowMs, false, reason);
            _nextAttemptMs = nowMs + _backoff.DelayMs(_failures);
            if (_failures < 30)
                _failures++;
        }
    }
}

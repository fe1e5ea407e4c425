using System.Threading;
using ChargeController.Firmware.Commands;
using ChargeController.Firmware.Handoff;
using ChargeController.Hal;

namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// The broker link's listener: what the adapter's thread reports is handed to the network thread through bounded
    /// preallocated rings and single words, and the call returns at once. Acknowledgements and refusals go into a ring of
    /// message ids (a refusal negated; one lost to a full ring only delays: the stuck-connection rule reconnects and the outbox sends again), a lost
    /// connection into a word, commands on the subscribed topic into the command mailbox; a command that finds the
    /// mailbox full leaves its id in a small ring of its own, and the network thread answers it busy (the result ring
    /// has one producer, the control thread). A firmware update's chunk answers go into their own ring
    /// (<see cref="Updates.UpdateChannel.Data"/>); one that finds it full is dropped (the pile asks again). The delivery
    /// probe's echo (<see cref="DeliveryProbe"/>) sets a word when it carries the number the network thread expects.
    /// </summary>
    public sealed class LinkInbox : ILinkListener
    {
        public const int AckCapacity = 16;
        /// <summary>Busy answers waiting for the network thread; beyond them a command goes unanswered (<see cref="CommandsRefused"/>).</summary>
        public const int BusyCapacity = 4;

        private readonly int[] _acks = new int[AckCapacity];
        private readonly SpscPositions _ackPositions = new SpscPositions(AckCapacity);
        private readonly MessageRing _commands;
        private readonly MessageRing _busy = new MessageRing(BusyCapacity, CommandId.MaxBytes);
        private readonly byte[] _id = new byte[CommandId.MaxBytes];
        private readonly string _commandTopic;
        private readonly MessageRing _updateData;
        private readonly string _updateDataTopic;
        private readonly Hal.IMonotonicClock _clock;
        private string _echoTopic;
        private DeliveryProbe _probe;
        private int _echoExpected = -1;
        private int _echoed;
        private int _lost;
        private int _refusedReason;
        private int _commandsRefused;

        /// <param name="updateData">where chunk answers on <paramref name="updateDataTopic"/> go, or null for a pile without updates</param>
        public LinkInbox(MessageRing commands, string commandTopic, Hal.IMonotonicClock clock, MessageRing updateData = null,
            string updateDataTopic = null)
        {
            _commands = commands;
            _commandTopic = commandTopic;
            _clock = clock;
            _updateData = updateData;
            _updateDataTopic = updateDataTopic;
        }

        /// <summary>Commands that found the mailbox and the busy ring full: no answer (the platform sends again after its timeout).</summary>
        public int CommandsRefused => Interlocked.CompareExchange(ref _commandsRefused, 0, 0);

        /// <summary>Network thread: the ids of commands to answer busy (a slot's bytes are the id; empty when it had none).</summary>
        public MessageRing Busy => _busy;

        /// <summary>Network thread, before the probe of a connection goes: its topic and number (its echo is told apart by both).</summary>
        public void ExpectEcho(string topic, DeliveryProbe probe, int nonce)
        {
            _echoTopic = topic;
            _probe = probe;
            Interlocked.Exchange(ref _echoed, 0);
            Interlocked.Exchange(ref _echoExpected, nonce);
        }

        /// <summary>Network thread: whether the probe expected came back since the last call.</summary>
        public bool TakeEcho() => Interlocked.Exchange(ref _echoed, 0) != 0;

        public void MessageReceived(string topic, byte[] payload, int offset, int count)
        {
            if (topic == _echoTopic)
            {
                if (_probe.NonceOf(payload, offset, count) == Interlocked.CompareExchange(ref _echoExpected, 0, 0))
                    Interlocked.Exchange(ref _echoed, 1);
                return;
            }
            if (_updateData != null && topic == _updateDataTopic)
            {
                _updateData.TryPost(payload, offset, count, _clock.NowMs);
                return;
            }
            if (topic != _commandTopic)
                return;
            var nowMs = _clock.NowMs;
            if (_commands.TryPost(payload, offset, count, nowMs))
                return;
            if (!_busy.TryPost(_id, 0, CommandId.Find(payload, offset, count, _id), nowMs))
                Interlocked.Increment(ref _commandsRefused);
        }

        public void PublishAcknowledged(int messageId) => PutAck(messageId);

        /// <summary>Goes into the same ring as the acknowledgements, negated, so the network thread sees both in the broker's order.</summary>
        public void PublishRefused(int messageId, int reasonCode)
        {
            Interlocked.Exchange(ref _refusedReason, reasonCode);
            PutAck(-messageId);
        }

        /// <summary>The reason code of the last refused publish (0x87: not authorized), or 0 when none was refused.</summary>
        public int RefusedReason => Interlocked.CompareExchange(ref _refusedReason, 0, 0);

        private void PutAck(int answer)
        {
            if (_ackPositions.Free == 0)
                return;
            _acks[_ackPositions.WriteSlot(0)] = answer;
            _ackPositions.Publish(1);
        }

        public void ConnectionLost(LinkStatus reason) => Interlocked.Exchange(ref _lost, 1 + (int)reason);

        /// <summary>Network thread: the next acknowledged message id, its negation when the broker refused it, or 0 when none waits.</summary>
        public int TakeAck()
        {
            if (_ackPositions.Empty)
                return 0;
            var id = _acks[_ackPositions.ReadSlot(0)];
            _ackPositions.Release(1);
            return id;
        }

        /// <summary>Network thread: whether the connection was lost since the last call, and why.</summary>
        public bool TakeLost(out LinkStatus reason)
        {
            var word = Interlocked.Exchange(ref _lost, 0);
            reason = word == 0 ? LinkStatus.Ok : (LinkStatus)(word - 1);
            return word != 0;
        }

        /// <summary>Network thread, before a new connection: what the old one reported is history.</summary>
        public void Forget()
        {
            while (TakeAck() != 0)
            {
            }
            LinkStatus ignored;
            TakeLost(out ignored);
            Interlocked.Exchange(ref _echoExpected, -1);
            Interlocked.Exchange(ref _echoed, 0);
        }
    }
}

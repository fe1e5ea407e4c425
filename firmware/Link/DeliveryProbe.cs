namespace ChargeController.Firmware.Link
{
    /// <summary>
    /// Whether the broker delivers what this pile publishes, asked anew on each connection (docs/mqtt-api.md, Delivery).
    /// Under MQTT 3.1.1, the device's protocol, a broker acknowledges a publish its ACL denies like any other, so a PUBACK
    /// proves nothing; what proves delivery is the message coming back. The pile subscribes to its own echo topic and
    /// publishes <c>{"v":1,"pile":"cc-0001","probe":n}</c> there (QoS 1, not retained; n the connection's number this boot, so nothing of an
    /// earlier connection passes for it), and its events and command results wait until it came back. Acknowledged but
    /// not back within the timeout (config link.probeTimeoutS): the broker takes this pile's publishes and drops them.
    /// The timeout runs from the PUBACK, so a slow link is not taken for a refusing broker: a probe without PUBACK is the
    /// stuck-connection rule's. Network thread only (the inbox compares an echo with <see cref="Nonce"/>, handed to it as
    /// a word). Allocates nothing after construction.
    /// </summary>
    public sealed class DeliveryProbe
    {
        /// <summary>Everything before the number: {"v":1,"pile":"&lt;id&gt;","probe":</summary>
        private readonly byte[] _head;
        /// <summary>The head, up to ten digits of a positive int and the closing brace.</summary>
        private readonly byte[] _payload;
        private readonly long _timeoutMs;
        private long _acknowledgedMs = -1;

        /// <param name="pileId">the pile's id: letters, digits, '-', '_', '.' (provisioning's rule), so it needs no escaping</param>
        /// <param name="timeoutMs">how long after its PUBACK the probe may take to come back</param>
        public DeliveryProbe(string pileId, long timeoutMs)
        {
            _timeoutMs = timeoutMs;
            var head = "{\"v\":1,\"pile\":\"" + pileId + "\",\"probe\":";
            _head = new byte[head.Length];
            for (var i = 0; i < head.Length; i++)
                _head[i] = (byte)head[i];
            _payload = new byte[_head.Length + 11];
            System.Array.Copy(_head, _payload, _head.Length);
        }

        public byte[] Payload => _payload;
        public int Count { get; private set; }
        public int Nonce { get; private set; }
        /// <summary>Published on this connection (its PUBACK and its echo may still be on their way).</summary>
        public bool Sent { get; private set; }
        /// <summary>It came back: the broker delivers this pile's publishes on this connection.</summary>
        public bool Delivered { get; private set; }

        /// <summary>A new connection: a new probe, not sent yet.</summary>
        public void Start(int nonce)
        {
            Nonce = nonce;
            var count = _head.Length;
            var divisor = 1;
            while (nonce / divisor >= 10)
                divisor *= 10;
            for (; divisor > 0; divisor /= 10)
                _payload[count++] = (byte)('0' + nonce / divisor % 10);
            _payload[count++] = (byte)'}';
            Count = count;
            Sent = false;
            Delivered = false;
            _acknowledgedMs = -1;
        }

        public void Published() => Sent = true;

        public void Acknowledged(long nowMs) => _acknowledgedMs = nowMs;

        public void Echoed() => Delivered = true;

        /// <summary>Acknowledged by the broker, and not back <see cref="_timeoutMs"/> later: the broker drops it.</summary>
        public bool Undelivered(long nowMs) => !Delivered && _acknowledgedMs >= 0 && nowMs - _acknowledgedMs >= _timeoutMs;

        /// <summary>
        /// The n of an echo of this pile's probe, or -1 when the payload is not one (the inbox, on the adapter's thread: it
        /// reads only the head, which never changes).
        /// </summary>
        public int NonceOf(byte[] payload, int offset, int count)
        {
            if (count < _head.Length + 2 || count > _head.Length + 11 || payload[offset + count - 1] != '}')
                return -1;
            for (var i = 0; i < _head.Length; i++)
                if (payload[offset + i] != _head[i])
                    return -1;
            var nonce = 0;
            for (var i = offset + _head.Length; i < offset + count - 1; i++)
            {
                var digit = payload[i] - '0';
                if (digit < 0 || digit > 9 || nonce > (int.MaxValue - digit) / 10)
                    return -1;
                nonce = nonce * 10 + digit;
            }
            return nonce;
        }
    }
}

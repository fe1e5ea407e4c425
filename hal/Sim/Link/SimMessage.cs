using ChargeController.Hal;

namespace ChargeController.Sim.Link
{
    /// <summary>One MQTT message in the simulated network or broker, in a preallocated slot whose payload buffer is reused.</summary>
    public sealed class SimMessage
    {
        public SimMessage(int maxPayloadBytes)
        {
            Payload = new byte[maxPayloadBytes];
        }

        public string Topic { get; private set; }
        public byte[] Payload { get; }
        public int Count { get; private set; }
        public LinkQos Qos { get; private set; }
        public bool Retain { get; private set; }
        /// <summary>Virtual time at which it reached the broker (or is due to).</summary>
        public long AtMs { get; internal set; }
        /// <summary>The port's message id of a QoS 1 publish, 0 otherwise.</summary>
        public int MessageId { get; internal set; }
        /// <summary>In transit: the broker refused it (its ACL) and answers with this MQTT 5 reason code; 0 when accepted.</summary>
        public int RefusedReason { get; internal set; }

        /// <returns>false when the payload is larger than the slot</returns>
        public bool Set(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain)
        {
            if (count > Payload.Length)
                return false;
            Topic = topic;
            System.Array.Copy(payload, offset, Payload, 0, count);
            Count = count;
            Qos = qos;
            Retain = retain;
            return true;
        }

        public void CopyFrom(SimMessage other)
        {
            Set(other.Topic, other.Payload, 0, other.Count, other.Qos, other.Retain);
            AtMs = other.AtMs;
            MessageId = other.MessageId;
        }
    }
}

using ChargeController.Firmware.Commands;

namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// The update's two hand-overs between the control thread and the network thread, preallocated like the command
    /// mailbox: the chunk request the control thread writes (one slot: one request outstanding) and the network thread
    /// publishes on &lt;root&gt;/update/get, and the answers the broker link's thread receives on &lt;root&gt;/update/data.
    /// An answer stays in its slot until the storage thread has appended its bytes (nothing is copied), so the one data
    /// slot is the pile's only chunk buffer: with one request outstanding, an answer that arrives while it is held is a
    /// late duplicate, dropped. Heap: 2,109 bytes of answer and 192 bytes of request.
    /// </summary>
    public sealed class UpdateChannel
    {
        public const int RequestBytes = 192;
        public const int DataSlots = 1;

        /// <summary>Control thread produces, network thread publishes (QoS 0) and releases.</summary>
        public MessageRing Requests { get; } = new MessageRing(1, RequestBytes);

        /// <summary>The broker link's thread produces (a full ring drops the answer: the pile asks again), the control thread consumes.</summary>
        public MessageRing Data { get; } = new MessageRing(DataSlots, ChunkFrame.MaxBytes);
    }
}

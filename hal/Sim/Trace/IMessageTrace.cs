namespace ChargeController.Sim.Trace
{
    /// <summary>
    /// A trace writer that also shows the commands the pile receives (the pile's own publishes it is told as an
    /// <see cref="Firmware.Link.ILinkObserver"/>). Writers that do not implement it leave them out.
    /// </summary>
    public interface IMessageTrace
    {
        /// <param name="payload">the message's bytes: a JSON object shown as one, anything else as a string</param>
        void Received(long timeMs, string topic, byte[] payload, int length);
    }
}

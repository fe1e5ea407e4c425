namespace ChargeController.Sim.Trace
{
    /// <summary>
    /// A trace writer that also shows MQTT messages: a command as it arrives from the broker, a result as the pile
    /// publishes it. Writers that do not implement it leave messages out.
    /// </summary>
    public interface IMessageTrace
    {
        /// <param name="inbound">from the broker to the pile (a command); else from the pile to the broker</param>
        /// <param name="payload">the message's bytes: a JSON object shown as one, anything else as a string</param>
        void Message(long timeMs, bool inbound, string topic, byte[] payload, int length);
    }
}

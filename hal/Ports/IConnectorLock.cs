namespace ChargeController.Hal
{
    /// <summary>
    /// The motor lock that holds the plug in a case B socket, with its position switch. A motor lock keeps its position
    /// without power: a plug locked when the power fails stays locked until the pile unlocks it on the next boot, or a
    /// technician pulls the lock's manual release.
    /// </summary>
    public interface IConnectorLock
    {
        void Command(bool locked);

        /// <summary>What the position switch says, independent of the command: a jammed lock stays open, a stuck one shut.</summary>
        bool FeedbackLocked { get; }
    }
}

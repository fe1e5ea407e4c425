namespace ChargeController.Hal
{
    /// <summary>The AC contactor that connects the supply to the socket, with its auxiliary (mirror) contact.</summary>
    public interface IContactor
    {
        void Command(bool closed);

        /// <summary>What the auxiliary contact says, independent of the command: a welded contactor stays closed.</summary>
        bool FeedbackClosed { get; }
    }
}

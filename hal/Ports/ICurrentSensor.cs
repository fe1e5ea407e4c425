namespace ChargeController.Hal
{
    /// <summary>
    /// Current drawn through the socket, per the highest-loaded phase, in milliamps. On a real pile the energy meter's
    /// reading; until a reading exists, <see cref="Valid"/> is false and over-current supervision holds off.
    /// </summary>
    public interface ICurrentSensor
    {
        bool Valid { get; }
        int CurrentMa { get; }
    }
}

namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// Where the figures raise their warnings: the monitor queues each for the flash (a health-warning event and a save of
    /// the record). A warning already raised is not raised again until it is lowered (a reset, or the day's end for a
    /// daily one).
    /// </summary>
    public interface IHealthAlarm
    {
        /// <param name="value">the figure now</param>
        /// <param name="threshold">the limit it reached, in the figure's unit</param>
        void Warn(int warning, int value, int threshold);
    }
}

namespace ChargeController.Hal
{
    public interface IIndicator
    {
        void Show(IndicatorPattern pattern);
    }
}

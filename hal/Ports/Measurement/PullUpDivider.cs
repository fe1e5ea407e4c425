namespace ChargeController.Hal
{
    /// <summary>
    /// A resistance to ground read through a pull-up to a known supply (the CC coding resistor, an NTC):
    /// V = supply x R / (R + pullUp), so R = pullUp x V / (supply - V).
    /// </summary>
    public static class PullUpDivider
    {
        /// <returns>ohms, or <see cref="ConnectionConfirm.OpenOhms"/> once the voltage is within <paramref name="openMarginMv"/> of the supply</returns>
        public static int LowerOhms(int measuredMv, int supplyMv, int pullUpOhms, int openMarginMv)
        {
            if (measuredMv >= supplyMv - openMarginMv)
                return ConnectionConfirm.OpenOhms;
            if (measuredMv <= 0)
                return 0;
            return (int)((long)pullUpOhms * measuredMv / (supplyMv - measuredMv));
        }
    }
}

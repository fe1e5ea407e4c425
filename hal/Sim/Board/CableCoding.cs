using ChargeController.Hal;

namespace ChargeController.Sim.Board
{
    /// <summary>The simulated cable's coding resistor between CC and PE (GB/T 18487.1 case B): what the pile decodes.</summary>
    public static class CableCoding
    {
        /// <summary>The nominal coding resistor for a rated current; open for a rating no cable codes.</summary>
        public static int NominalOhms(int ratedCurrentA)
        {
            switch (ratedCurrentA)
            {
                case 10: return 1500;
                case 16: return 680;
                case 32: return 220;
                case 63: return 100;
                default: return ConnectionConfirm.OpenOhms;
            }
        }
    }
}

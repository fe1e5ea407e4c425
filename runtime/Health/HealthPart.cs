namespace ChargeController.Runtime.Health
{
    /// <summary>The parts whose health the pile follows; a technician resets one after replacing it (`health reset &lt;part&gt;`).</summary>
    public static class HealthPart
    {
        public const int Connector = 0;
        public const int Contactor = 1;
        public const int Supply = 2;
        public const int Rcd = 3;
        public const int Pilot = 4;
        public const int Meter = 5;
        public const int Count = 6;

        private static readonly string[] Names = { "connector", "contactor", "supply", "rcd", "pilot", "meter" };

        public static string NameOf(int part) => Names[part];

        /// <returns>the part named <paramref name="name"/>, or -1</returns>
        public static int Find(string name)
        {
            for (var i = 0; i < Count; i++)
                if (Names[i] == name)
                    return i;
            return -1;
        }
    }
}

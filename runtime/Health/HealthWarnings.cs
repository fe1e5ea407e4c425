namespace ChargeController.Runtime.Health
{
    /// <summary>
    /// The warnings the health figures raise, one bit each in <see cref="HealthFigures.WarningBits"/>: which part and
    /// figure each is about (the health-warning event's fields) and what the technician should do. A lasting warning
    /// stays raised until the part is reset after its replacement; a daily one (<see cref="IsDaily"/>) may come again the
    /// next day.
    /// </summary>
    public static class HealthWarnings
    {
        /// <summary>The connection heating coefficient has risen by health.heatWarnPercent over its baseline.</summary>
        public const int HeatRise = 0;
        /// <summary>It has risen by health.heatDeratePercent: the current is held at health.heatDerateA.</summary>
        public const int HeatDerate = 1;
        public const int ContactorWear = 2;
        public const int ContactorDelay = 3;
        /// <summary>At the rated current the voltage would fall below -health.supplyLowPercent of the nominal.</summary>
        public const int FeederDrop = 4;
        /// <summary>The no-load voltage is above +health.supplyHighPercent of the nominal.</summary>
        public const int SupplyHigh = 5;
        public const int RcdRetry = 6;
        public const int PilotDrift = 7;
        public const int PilotRejections = 8;
        public const int MeterErrors = 9;
        public const int Count = 10;

        private static readonly int[] Parts =
        {
            HealthPart.Connector, HealthPart.Connector, HealthPart.Contactor, HealthPart.Contactor, HealthPart.Supply,
            HealthPart.Supply, HealthPart.Rcd, HealthPart.Pilot, HealthPart.Pilot, HealthPart.Meter,
        };

        /// <summary>The figure each warning judges, as the health message names it (part.figure).</summary>
        private static readonly string[] Figures =
        {
            "heatUkPerA2", "heatUkPerA2", "wearPermille", "delayMs", "ratedCurrentMv", "noLoadMv",
            "retried", "plateauMv", "rejectionsPerHour", "errorPermille",
        };

        private static readonly string[] Advice =
        {
            "a connection in the current path heats more than when new: tighten or replace the terminals and the socket",
            "a connection heats far more than when new: charging is derated; repair the terminals or socket now",
            "the contactor nears its rated electrical life: plan its replacement",
            "the contactor opens slower than when new: inspect it and plan its replacement",
            "the feeder's voltage drop at the rated current leaves the supply limits: tell the grid company",
            "the supply is above its upper limit with no load: tell the grid company",
            "the residual-current device's self-test needed a retry: test it by hand and replace it if it fails again",
            "the control pilot's +12 V level has drifted: check the pilot circuit, cable and contacts",
            "the control pilot bounces: check the cable, the plug and the vehicle inlet's contacts",
            "the meter link loses many readings: check the RS485 wiring, termination and the meter",
        };

        /// <summary>The warning's name in the day's message and the console: its part and figure.</summary>
        private static readonly string[] Names =
        {
            "connector.heat", "connector.derate", "contactor.wear", "contactor.delay", "supply.feeder", "supply.high",
            "rcd.retry", "pilot.drift", "pilot.bounce", "meter.errors",
        };

        public static string NameOf(int warning) => Names[warning];

        public static int PartOf(int warning) => Parts[warning];

        public static string FigureOf(int warning) => Figures[warning];

        public static string AdviceOf(int warning) => Advice[warning];

        /// <summary>A warning about a day's rate: lowered at the end of each day, so it may come again.</summary>
        public static bool IsDaily(int warning) =>
            warning == RcdRetry || warning == PilotRejections || warning == MeterErrors;

        /// <summary>The warning bits of <paramref name="part"/>.</summary>
        public static int BitsOf(int part)
        {
            var bits = 0;
            for (var i = 0; i < Count; i++)
                if (Parts[i] == part)
                    bits |= 1 << i;
            return bits;
        }

        /// <summary>The bits of the daily warnings.</summary>
        public static int DailyBits => (1 << RcdRetry) | (1 << PilotRejections) | (1 << MeterErrors);
    }
}

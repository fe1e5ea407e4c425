using ChargeController.Hal;

namespace ChargeController.Esp32.Board
{
    /// <summary>
    /// The reference pile controller (ESP32-WROVER-E, docs/hardware.md): every signal, UART and ADC channel in one place.
    /// GPIO 6-11 (flash), 16-17 (PSRAM) and 1/3 (UART0: debugger, boot log) are taken; 34-39 are input-only; 0, 2, 12 and
    /// 15 are strapping pins, used only for outputs that idle at their boot level. nanoFramework numbers ADC1 channels
    /// 0-7 as GPIO 36, 37, 38, 39, 32, 33, 34, 35 (37 and 38 are not bonded out on WROVER modules).
    /// </summary>
    public static class ReferenceBoard
    {
        // Control pilot: LEDC PWM into the +-12 V driver; ADC1 behind the measuring divider.
        public const int PilotPwmGpio = 25;
        public const int PilotPwmFrequencyHz = 1000;
        public const int PilotAdcChannel = 0; // GPIO 36
        public const int PilotSamplesPerBurst = 64;
        public const int PilotPlateauBandCounts = 40;

        // Connection confirm: CC to PE through the plug's coding resistor, 1 kohm pull-up to 3.3 V.
        public const int CcAdcChannel = 3; // GPIO 39
        public const int CcPullUpOhms = 1000;
        public const int CcPullUpMv = 3300;
        public const int CcOpenMarginMv = 150;

        // NTC 10 kohm B3950 to ground, 10 kohm pull-up to 3.3 V.
        public const int EnclosureNtcAdcChannel = 6; // GPIO 34
        public const int ConnectorNtcAdcChannel = 4; // GPIO 32

        // Contactor: coil driver output, auxiliary contact through an optocoupler (low = closed).
        public const int ContactorCoilGpio = 26;
        public const int ContactorAuxGpio = 27;

        // RDC-DD module: open-collector trip outputs (low = tripped) and its test input.
        public const int RcdAcTripGpio = 13;
        public const int RcdDcTripGpio = 14;
        public const int RcdTestGpio = 4;

        // E-stop loop sense through an optocoupler (low = loop closed, not pressed).
        public const int EmergencyStopGpio = 19;

        // Status LEDs (high = lit). GPIO 0 is pulled up at reset: the red LED glows while the ESP32 boots.
        public const int LedRedGpio = 0;
        public const int LedGreenGpio = 2;

        // External watchdog (TPS3823-class, 1.6 s): every edge on its WDI is a kick.
        public const int WatchdogKickGpio = 18;

        // Connector lock: H-bridge inputs with pull-downs (GPIO 12 must be low at reset) and the lock switch.
        public const int LockDriveAGpio = 12;
        public const int LockDriveBGpio = 15;
        public const int LockFeedbackGpio = 33;

        // COM3 (UART2): Modbus RTU to the meter over an RS485 transceiver, RTS driving DE and /RE.
        public const string ModbusPort = "COM3";
        public const int ModbusTxGpio = 22;
        public const int ModbusRxGpio = 21;
        public const int ModbusDeGpio = 23;

        // COM2 (UART1): the technician console (issue 13), 115200 8N1, 3.3 V levels.
        public const string ConsolePort = "COM2";
        public const int ConsoleBaud = 115200;
        public const int ConsoleTxGpio = 5;
        public const int ConsoleRxGpio = 35;

        // LittleFS drive (256 KB at 0x3C0000 on 4 MB flash).
        public const string FileRoot = "I:\\";

        /// <summary>
        /// ADC counts to millivolts at the pin for the ESP32's 12 dB attenuation (about 0..3100 mV, linear within
        /// 150..2450 mV). The pilot has its own two-point calibration (pilot.cal.* keys: the defaults are the nominal points
        /// of the divider in docs/hardware.md, -12 V at 357 counts and +12 V at 3213).
        /// </summary>
        public static LinearCalibration NominalPinCalibration() => new LinearCalibration(0, 0, 4095, 3100);

        /// <summary>Pin millivolts to 0.1 C for the NTC divider above (B3950, 10 K pull-up, 3.3 V), -40 C to 150 C.</summary>
        public static PiecewiseLinear NtcCurve() => new PiecewiseLinear(
            new[] { 3220, 3143, 3014, 2816, 2543, 2206, 1836, 1470, 1143, 871, 657, 494, 372, 282, 215, 166, 129, 101, 81, 65 },
            new[] { -400, -300, -200, -100, 0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500 });
    }
}

using System.Device.Adc;
using System.Device.Gpio;
using System.Device.Pwm;
using System.IO.Ports;
using ChargeController.Esp32.Inputs;
using ChargeController.Esp32.Modbus;
using ChargeController.Esp32.Outputs;
using ChargeController.Esp32.Pilot;
using ChargeController.Esp32.Serial;
using ChargeController.Hal;
using nanoFramework.Hardware.Esp32;

namespace ChargeController.Esp32.Board
{
    /// <summary>
    /// Opens the reference board once at start-up: pin functions, GPIO, ADC, PWM, the Modbus port and the console port, every
    /// output in its safe state (contactor open, pilot at +12 V, RCD test off). What the runtime needs from the board.
    /// </summary>
    public sealed class Esp32Board
    {
        private Esp32Board(PileHardware hardware, AdcChannel pilotSense, IModbusMaster meterBus, IByteStream console, ISupervisionOutputs supervision)
        {
            Hardware = hardware;
            PilotSense = pilotSense;
            MeterBus = meterBus;
            Console = console;
            Supervision = supervision;
        }

        /// <summary>The pile's ports; no supply: the board measures no mains voltage, the meter's readings stand for it.</summary>
        public PileHardware Hardware { get; }

        /// <summary>The pilot's raw ADC channel, for the board check's PWM frequency measurement; the pile reads Hardware.Pilot.</summary>
        public AdcChannel PilotSense { get; }

        public IModbusMaster MeterBus { get; }

        /// <summary>The technician console on COM2.</summary>
        public IByteStream Console { get; }

        public ISupervisionOutputs Supervision { get; }

        /// <param name="pilotCalibration">counts to pilot mV, measured per board (the pilot.cal.* keys)</param>
        /// <param name="pinCalibration">counts to pin mV for CC and NTC channels (or <see cref="ReferenceBoard.NominalPinCalibration"/>)</param>
        /// <param name="meterBaud">the RS485 line to the meter (meter.baud, meter.parity, meter.responseTimeoutMs)</param>
        public static Esp32Board Open(LinearCalibration pilotCalibration, LinearCalibration pinCalibration, int meterBaud, SerialParity meterParity,
            int meterTimeoutMs)
        {
            Configuration.SetPinFunction(ReferenceBoard.PilotPwmGpio, DeviceFunction.PWM1);
            Configuration.SetPinFunction(ReferenceBoard.ModbusTxGpio, DeviceFunction.COM3_TX);
            Configuration.SetPinFunction(ReferenceBoard.ModbusRxGpio, DeviceFunction.COM3_RX);
            Configuration.SetPinFunction(ReferenceBoard.ModbusDeGpio, DeviceFunction.COM3_RTS);
            Configuration.SetPinFunction(ReferenceBoard.ConsoleTxGpio, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(ReferenceBoard.ConsoleRxGpio, DeviceFunction.COM2_RX);

            var gpio = new GpioController();
            var adc = new AdcController();
            var clock = new Esp32Clock();

            var contactor = new Esp32Contactor(gpio.OpenPin(ReferenceBoard.ContactorCoilGpio, PinMode.Output),
                gpio.OpenPin(ReferenceBoard.ContactorAuxGpio, PinMode.InputPullUp));
            var pilotSense = adc.OpenChannel(ReferenceBoard.PilotAdcChannel);
            var pilot = new Esp32ControlPilot(
                PwmChannel.CreateFromPin(ReferenceBoard.PilotPwmGpio, ReferenceBoard.PilotPwmFrequencyHz, 1.0),
                pilotSense, pilotCalibration, clock,
                ReferenceBoard.PilotSamplesPerBurst, ReferenceBoard.PilotPlateauBandCounts);
            var rcd = new Esp32ResidualCurrentDevice(gpio.OpenPin(ReferenceBoard.RcdAcTripGpio, PinMode.InputPullUp),
                gpio.OpenPin(ReferenceBoard.RcdDcTripGpio, PinMode.InputPullUp), gpio.OpenPin(ReferenceBoard.RcdTestGpio, PinMode.Output));
            var connectionConfirm = new Esp32ConnectionConfirm(adc.OpenChannel(ReferenceBoard.CcAdcChannel), pinCalibration,
                ReferenceBoard.CcPullUpMv, ReferenceBoard.CcPullUpOhms, ReferenceBoard.CcOpenMarginMv);
            var temperatures = new Esp32Temperatures(adc.OpenChannel(ReferenceBoard.EnclosureNtcAdcChannel),
                adc.OpenChannel(ReferenceBoard.ConnectorNtcAdcChannel), pinCalibration, ReferenceBoard.NtcCurve());
            var emergencyStop = new Esp32EmergencyStop(gpio.OpenPin(ReferenceBoard.EmergencyStopGpio, PinMode.InputPullUp));
            var indicator = new Esp32Indicator(gpio.OpenPin(ReferenceBoard.LedRedGpio, PinMode.Output),
                gpio.OpenPin(ReferenceBoard.LedGreenGpio, PinMode.Output));
            var plugLock = new Esp32ConnectorLock(gpio.OpenPin(ReferenceBoard.LockDriveAGpio, PinMode.Output),
                gpio.OpenPin(ReferenceBoard.LockDriveBGpio, PinMode.Output), gpio.OpenPin(ReferenceBoard.LockFeedbackGpio, PinMode.InputPullUp));

            var meterLine = new Esp32SerialLine(Esp32SerialLine.Open(ReferenceBoard.ModbusPort, meterBaud, ParityOf(meterParity)), clock);
            var meterBus = new RtuMaster(meterLine, clock, meterBaud, meterParity, 1, meterTimeoutMs);
            var console = new SerialPort(ReferenceBoard.ConsolePort, ReferenceBoard.ConsoleBaud, Parity.None, 8, StopBits.One);
            console.Open();

            var hardware = new PileHardware(clock, pilot, connectionConfirm, contactor, rcd, null, temperatures, emergencyStop, indicator, plugLock);
            return new Esp32Board(hardware, pilotSense, meterBus, new Esp32ConsoleStream(console),
                new Esp32SupervisionOutputs(gpio.OpenPin(ReferenceBoard.WatchdogKickGpio, PinMode.Output)));
        }

        private static Parity ParityOf(SerialParity parity) =>
            parity == SerialParity.Even ? Parity.Even : parity == SerialParity.Odd ? Parity.Odd : Parity.None;
    }
}

using ChargeController.Firmware.Metering;
using ChargeController.Hal;

namespace ChargeController.Sim.Metering
{
    /// <summary>
    /// An energy meter on the simulated RS485 bus, answering at register level exactly as the real model would: the
    /// profile's function code, addresses, float32 encoding, word order and units. It measures the supply voltage and
    /// the vehicle's draw through the contactor (or, as a site meter, everything behind the site's connection point: its
    /// phases may export, which the signed per-phase power says), and integrates energy on virtual time. Faults can be injected.
    /// </summary>
    public sealed class SimMeter
    {
        private const long WattMillisecondsPerWh = 3600000;
        /// <summary>A meter that has been in service for a while: 1234.567 kWh (exact in float32 to the Wh).</summary>
        public const long InitialImportWh = 1234567;

        private readonly MeterProfile _profile;
        private readonly ushort[] _field = new ushort[2];
        private long _importWattMs;
        private long _lastMs;
        private readonly int[] _phaseMa = new int[3]; // signed: negative exports

        public SimMeter(MeterProfile profile, byte address)
        {
            _profile = profile;
            Address = address;
            ImportWh = InitialImportWh;
        }

        /// <summary>The Modbus address it answers at (a technician can swap two meters' addresses: `site meter swap`).</summary>
        public byte Address { get; set; }
        public MeterProfile Profile => _profile;
        public int VoltageMv { get; private set; }
        /// <summary>What the current registers show: the magnitude on each phase.</summary>
        public int CurrentL1Ma => Abs(_phaseMa[0]);
        public int CurrentL2Ma => Abs(_phaseMa[1]);
        public int CurrentL3Ma => Abs(_phaseMa[2]);
        /// <summary>The current on a phase (0 to 2), signed: negative when the phase exports.</summary>
        public int PhaseMa(int phase) => _phaseMa[phase];
        /// <summary>The total active power, signed (negative: the meter's side exports).</summary>
        public int PowerW => (int)(((long)VoltageMv * (_phaseMa[0] + _phaseMa[1] + _phaseMa[2])) / 1000000);
        private int PhasePowerW(int phase) => (int)((long)VoltageMv * _phaseMa[phase] / 1000000);
        /// <summary>The true import total, as the meter's register will say it.</summary>
        public long ImportWh { get; private set; }

        public bool Offline { get; set; }
        public bool Garbage { get; set; }
        public bool SlaveError { get; set; }
        /// <summary>This percentage of the reads go unanswered, spread evenly (a loose RS485 wire); 0: none.</summary>
        public int FlakyPercent { get; set; }
        private int _reads;

        /// <summary>Integrates the energy since the last step, then takes the new voltage and currents.</summary>
        public void Step(long nowMs, int voltageMv, int currentMa, bool threePhase)
        {
            var spread = threePhase && _profile.Phases == 3;
            Measure(nowMs, voltageMv, currentMa, spread ? currentMa : 0, spread ? currentMa : 0);
        }

        /// <summary>
        /// Integrates the import since the last step (an exporting interval adds nothing), then takes the new voltage and
        /// the signed current of each phase (a single-phase meter sees only L1).
        /// </summary>
        public void Measure(long nowMs, int voltageMv, int l1Ma, int l2Ma, int l3Ma)
        {
            if (PowerW > 0)
                _importWattMs += (long)PowerW * (nowMs - _lastMs);
            ImportWh += _importWattMs / WattMillisecondsPerWh;
            _importWattMs %= WattMillisecondsPerWh;
            _lastMs = nowMs;
            VoltageMv = voltageMv;
            var three = _profile.Phases == 3;
            _phaseMa[0] = l1Ma;
            _phaseMa[1] = three ? l2Ma : 0;
            _phaseMa[2] = three ? l3Ma : 0;
        }

        private static int Abs(int value) => value < 0 ? -value : value;

        /// <summary>The meter's total jumps back (a swapped or reset meter).</summary>
        public void RunBackwards(long wh) => ImportWh -= wh;

        /// <summary>The import total jumps ahead (a faulty or swapped meter).</summary>
        public void JumpAhead(long wh) => ImportWh += wh;

        /// <summary>The register as a previous run left it (PileSim --state): a real meter keeps counting while the pile is off.</summary>
        public void ContinueFrom(long importWh) => ImportWh = importWh;

        public ModbusStatus Read(byte function, ushort start, ushort count, ushort[] into, out byte exceptionCode)
        {
            exceptionCode = 0;
            if (Offline)
                return ModbusStatus.Timeout;
            _reads++;
            if (_reads * FlakyPercent / 100 != (_reads - 1) * FlakyPercent / 100)
                return ModbusStatus.Timeout;
            if (SlaveError)
                return Exception(SlaveDeviceFailure, out exceptionCode);
            if (function != _profile.Function)
                return Exception(IllegalFunction, out exceptionCode);
            for (var i = 0; i < count; i++)
            {
                var address = start + i;
                var field = FieldHolding(address);
                if (field == null)
                    return Exception(IllegalDataAddress, out exceptionCode);
                Encode(field);
                into[i] = _field[address - field.Address];
            }
            return ModbusStatus.Ok;
        }

        public const byte IllegalFunction = 1;
        public const byte IllegalDataAddress = 2;
        public const byte SlaveDeviceFailure = 4;

        private static ModbusStatus Exception(byte code, out byte exceptionCode)
        {
            exceptionCode = code;
            return ModbusStatus.SlaveException;
        }

        private MeterField FieldHolding(int address)
        {
            foreach (var field in _profile.Fields)
                if (address >= field.Address && address < field.Address + field.RegisterCount)
                    return field;
            return null;
        }

        private void Encode(MeterField field)
        {
            if (Garbage && field.Type == RegisterType.Float32 && field.Quantity != MeterQuantity.CurrentL1)
            {
                RegisterEncoder.Store(RegisterEncoder.NaNBits, field, _profile.HighWordFirst, _field, 0);
                return;
            }
            var value = Garbage ? 1000000000L : ValueOf(field.Quantity); // garbage: NaN, and 1000 kA on L1
            RegisterEncoder.Encode(value, field, _profile.HighWordFirst, _field, 0);
        }

        private long ValueOf(MeterQuantity quantity)
        {
            switch (quantity)
            {
                case MeterQuantity.VoltageL1:
                case MeterQuantity.VoltageL2:
                case MeterQuantity.VoltageL3:
                    return VoltageMv;
                case MeterQuantity.CurrentL1: return CurrentL1Ma;
                case MeterQuantity.CurrentL2: return CurrentL2Ma;
                case MeterQuantity.CurrentL3: return CurrentL3Ma;
                case MeterQuantity.ActivePower: return PowerW;
                case MeterQuantity.PowerL1: return PhasePowerW(0);
                case MeterQuantity.PowerL2: return PhasePowerW(1);
                case MeterQuantity.PowerL3: return PhasePowerW(2);
                case MeterQuantity.ImportEnergy: return ImportWh;
                default: return 50000; // 50 Hz in mHz
            }
        }
    }
}

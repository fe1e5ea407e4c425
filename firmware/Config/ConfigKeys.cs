namespace ChargeController.Firmware.Config
{
    /// <summary>
    /// Every configuration key of the pile, with its default and range: the one list that docs/configuration.md is
    /// generated from and that every setter validates against.
    /// </summary>
    public static class ConfigKeys
    {
        // Static fields initialise in textual order: these come before the keys built from them. Every literal that runs
        // is a string object of its own on nanoCLR, so a text that many keys hold is one shared field.
        private static readonly string[] OffOn = { "off", "on" };
        /// <summary>
        /// The units the keys share (<see cref="ConfigKey"/> takes these instances). Here, not in ConfigKey: nanoCLR runs
        /// every static constructor once at start-up, in its own order, so another type's static field may not be set yet
        /// while this one's run; a field above the keys in this class is.
        /// </summary>
        internal static readonly string[] Units = { "", "A", "V", "s", "ms", "min", "C", "mV" };
        private static readonly string RetriesMeaning = "automatic retries before the fault latches until cleared (-1: always retry, 0: latch at once)";
        private static readonly string RetryDelayMeaning = "after the condition has gone, wait this long before the fault clears itself";

        public static readonly ConfigKey RatedCurrentA = new ConfigKey("pile.ratedCurrentA", "A", 32, 6, 63, "current the pile and its supply are rated for");
        public static readonly ConfigKey OverVoltageV = new ConfigKey("supply.overVoltageV", "V", 264, 100, 500, "over-voltage trip level (+20 % of 220 V)");
        public static readonly ConfigKey UnderVoltageV = new ConfigKey("supply.underVoltageV", "V", 176, 80, 400, "under-voltage trip level (-20 % of 220 V)");
        public static readonly ConfigKey VoltageHysteresisV = new ConfigKey("supply.hysteresisV", "V", 6, 1, 50, "how far back inside the window the voltage must come to recover");
        public static readonly ConfigKey VoltageDebounceMs = new ConfigKey("supply.debounceMs", "ms", 1000, 20, 60000, "how long the voltage must stay outside the window before it trips");

        public static readonly ConfigKey AuthMode = new ConfigKey("auth.mode", new[] { "free", "platform" }, 0, "free: plug and charge; platform: a platform start command names the id tag");
        public static readonly ConfigKey OfflinePolicy = new ConfigKey("auth.offline", new[] { "refuse", "allow", "fleet" }, 0,
            "platform mode with the link down: refuse; allow (charge, the session marked offline); fleet (only id tags on the fleet list, marked offline)");
        public static readonly ConfigKey AuthTimeoutS = new ConfigKey("auth.timeoutS", "s", 120, 10, 3600, "how long a start command waits for a plug-in");

        public static readonly ConfigKey VentilationAllowed = new ConfigKey("pilot.ventilation", OffOn, 0, "charge a vehicle that asks for ventilation (state D)");
        public static readonly ConfigKey ChargeDebounceMs = new ConfigKey("pilot.chargeDebounceMs", "ms", 200, 20, 500,
            "a pilot change into C or D must last this long (with the 2 s record wait, S2 to contactor within 3 s)");
        public static readonly ConfigKey DropDebounceMs = new ConfigKey("pilot.dropDebounceMs", "ms", 30, 10, 60, "any other pilot change must last this long (open within 100 ms)");
        public static readonly ConfigKey InvalidFaultMs = new ConfigKey("pilot.invalidFaultMs", "ms", 50, 10, 70, "pilot readings outside every window for this long are a CP fault");
        public static readonly ConfigKey PilotCalLowCounts = new ConfigKey("pilot.cal.lowCounts", "", 357, 0, 4095,
            "pilot calibration: raw ADC counts read with the pilot driven to -12 V (docs/hardware.md)");
        public static readonly ConfigKey PilotCalLowMv = new ConfigKey("pilot.cal.lowMv", "mV", -12000, -13000, -11000, "pilot calibration: the pilot's voltage at that point");
        public static readonly ConfigKey PilotCalHighCounts = new ConfigKey("pilot.cal.highCounts", "", 3213, 0, 4095,
            "pilot calibration: raw ADC counts read with the pilot held at +12 V, nothing plugged in");
        public static readonly ConfigKey PilotCalHighMv = new ConfigKey("pilot.cal.highMv", "mV", 12000, 11000, 13000, "pilot calibration: the pilot's voltage at that point");

        public static readonly ConfigKey FallbackCurrentA = new ConfigKey("link.fallbackCurrentA", "A", 6, 0, 63, "limit while the platform link is lost (below 6 A: pause)");
        public static readonly ConfigKey FallbackAfterS = new ConfigKey("link.fallbackAfterS", "s", 0, 0, 3600,
            "the fallback limit applies once the link has been lost this long (0: at once; on weak 4G e.g. 120 rides out short losses)");
        public static readonly ConfigKey KeepAliveS = new ConfigKey("link.keepAliveS", "s", 240, 30, 1200,
            "MQTT keepalive (next boot): with nothing sent for this long the pile pings the broker; below the 4G carriers' NAT idle timeout (docs/deployment.md)");
        public static readonly ConfigKey ProbeTimeoutS = new ConfigKey("link.probeTimeoutS", "s", 30, 5, 600,
            "(next boot) the delivery probe must come back this long after its PUBACK, else link-refused");
        public static readonly ConfigKey EvStopTimeoutMs = new ConfigKey("stop.evTimeoutMs", "ms", 3000, 100, 3000, "after the pile stops the PWM, open the contactor at the latest after this");
        public static readonly ConfigKey ContactorFeedbackMs = new ConfigKey("contactor.feedbackMs", "ms", 200, 50, 1000, "the auxiliary contact must follow the command within this");

        public static readonly ConfigKey OverCurrentGraceMs = new ConfigKey("overcurrent.graceMs", "ms", 5000, 1000, 10000, "after the pilot is lowered the vehicle has this long to follow");
        public static readonly ConfigKey OverCurrentTripMs = new ConfigKey("overcurrent.tripMs", "ms", 5000, 1000, 10000, "over-current must last this long to trip");

        public static readonly ConfigKey HalfCurrentC = new ConfigKey("thermal.halfC", "C", 65, 30, 120, "enclosure temperature that halves the current");
        public static readonly ConfigKey QuarterCurrentC = new ConfigKey("thermal.quarterC", "C", 68, 30, 120, "enclosure temperature that quarters the current");
        public static readonly ConfigKey StopC = new ConfigKey("thermal.stopC", "C", 71, 30, 120, "enclosure temperature that stops charging");
        public static readonly ConfigKey ResumeC = new ConfigKey("thermal.resumeC", "C", 60, 20, 110, "below this the enclosure derating ends");
        public static readonly ConfigKey ConnectorStopC = new ConfigKey("thermal.connectorStopC", "C", 90, 40, 150, "connector temperature that stops charging");
        public static readonly ConfigKey ConnectorResumeC = new ConfigKey("thermal.connectorResumeC", "C", 80, 30, 140, "below this the connector may charge again");

        public static readonly ConfigKey RcdRetries = Retries("rcd", 3);
        public static readonly ConfigKey RcdRetryDelayS = RetryDelay("rcd", 300);
        public static readonly ConfigKey SelfTestRetries = Retries("selftest", 3);
        public static readonly ConfigKey SelfTestRetryDelayS = RetryDelay("selftest", 60);
        public static readonly ConfigKey OverCurrentRetries = Retries("overcurrent", 3);
        public static readonly ConfigKey OverCurrentRetryDelayS = RetryDelay("overcurrent", 60);
        public static readonly ConfigKey VoltageRetries = Retries("voltage", -1);
        public static readonly ConfigKey VoltageRetryDelayS = RetryDelay("voltage", 10);
        public static readonly ConfigKey UnderVoltageAction = new ConfigKey("fault.undervoltage.action", new[] { "trip", "warn" }, 0, "trip, or only report an under-voltage (weak rural feeders)");
        public static readonly ConfigKey TemperatureRetries = Retries("temperature", -1);
        public static readonly ConfigKey TemperatureRetryDelayS = RetryDelay("temperature", 0);
        public static readonly ConfigKey EmergencyStopRetries = Retries("estop", -1);
        public static readonly ConfigKey EmergencyStopRetryDelayS = RetryDelay("estop", 0);
        public static readonly ConfigKey MeterRetries = Retries("meter", -1);
        public static readonly ConfigKey MeterRetryDelayS = RetryDelay("meter", 0);
        public static readonly ConfigKey ContactorRetries = Retries("contactor", 0);
        public static readonly ConfigKey ContactorRetryDelayS = RetryDelay("contactor", 0);
        public static readonly ConfigKey PilotRetries = Retries("pilot", 5);
        public static readonly ConfigKey PilotRetryDelayS = RetryDelay("pilot", 10);
        public static readonly ConfigKey Connector = new ConfigKey("pile.connector", new[] { "socket", "tethered" }, 0,
            "socket (case B: the cable's CC resistor gives its rating, the plug is locked while charging) or tethered (case C: no lock)");
        public static readonly ConfigKey TetheredCableA = new ConfigKey("pile.tetheredCableA", "A", 32, 6, 63, "rating of a tethered pile's own cable");
        public static readonly ConfigKey LockTimeoutMs = new ConfigKey("lock.timeoutMs", "ms", 1000, 100, 10000, "the socket's plug lock must reach its position within this");
        public static readonly ConfigKey LockRetries = Retries("lock", 3);
        public static readonly ConfigKey LockRetryDelayS = RetryDelay("lock", 10);
        public static readonly ConfigKey Phases = new ConfigKey("pile.phases", new[] { "1", "3" }, 0, "supply phases; the rated current is per phase");
        public static readonly ConfigKey MeterProfile = new ConfigKey("meter.profile", new[] { "none", "ddsu666", "dtsu666", "sdm120", "sdm630", "custom" }, 1,
            "energy meter model on the RS485 bus (custom: the meter.custom.* keys); none: sessions are unmetered");
        public static readonly ConfigKey MeterAddress = new ConfigKey("meter.address", "", 1, 1, 247, "Modbus slave address of the meter");
        public static readonly ConfigKey MeterBaud = new ConfigKey("meter.baud", new[] { "profile", "1200", "2400", "4800", "9600", "19200", "38400" }, 0,
            "RS485 baud rate; profile: the meter's factory default");
        public static readonly ConfigKey MeterParity = new ConfigKey("meter.parity", new[] { "none", "even", "odd" }, 0, "RS485 parity (8 data bits, 1 stop bit)");
        public static readonly ConfigKey MeterResponseTimeoutMs = new ConfigKey("meter.responseTimeoutMs", "ms", 300, 50, 2000, "how long the meter has to answer a request");
        public static readonly ConfigKey MeterBusyPollMs = new ConfigKey("meter.pollChargingMs", "ms", 1000, 200, 10000, "poll interval while a session runs");
        public static readonly ConfigKey MeterIdlePollMs = new ConfigKey("meter.pollIdleMs", "ms", 10000, 1000, 60000, "poll interval otherwise");
        public static readonly ConfigKey MeterLossMs = new ConfigKey("meter.lossTimeoutMs", "ms", 10000, 2000, 120000, "no valid reading for this long raises PowerMeterFailure");
        public static readonly ConfigKey MeterStopReadingWaitS = new ConfigKey("meter.stopReadingWaitS", "s", 300, 10, 86400,
            "how long an ended session waits for a meter reading taken after the contactor opened; then it ends unmetered");
        public static readonly ConfigKey MeterLossPolicy = new ConfigKey("meter.lossPolicy", new[] { "stop", "continue" }, 0,
            "on meter loss: stop the session and start none until the meter is back, or charge on (the session is marked unmetered)");
        public static readonly ConfigKey UnsupervisedMaxA = new ConfigKey("meter.unsupervisedMaxA", "A", 10, 6, 63,
            "while charging without a fresh plausible meter reading (no over-current or weld detection), advertise at most this");
        public static readonly ConfigKey CustomFunction = new ConfigKey("meter.custom.function", new[] { "3", "4" }, 1, "custom meter: read holding (3) or input (4) registers");
        public static readonly ConfigKey CustomWordOrder = new ConfigKey("meter.custom.wordOrder", new[] { "high-first", "low-first" }, 0, "custom meter: order of the two words of a 32-bit value");
        public static readonly ConfigKey[] CustomRegister = CustomKeys("register");
        public static readonly ConfigKey[] CustomType = CustomKeys("type");
        public static readonly ConfigKey[] CustomShift = CustomKeys("shift");

        // The site meter at the site's connection point (docs/site.md): what the whole site draws, so the pile can keep it
        // under its feeder's limit (limit) or charge from its solar export (solar).
        public static readonly ConfigKey SiteMode = new ConfigKey("site.mode", new[] { "off", "limit", "solar" }, 0,
            "off; limit: keep the site's import under site.maxImportA; solar: charge from the site's export (docs/site.md)");
        public static readonly ConfigKey SiteMeterProfile = new ConfigKey("site.meter.profile", new[] { "ddsu666", "dtsu666", "sdm120", "sdm630" }, 0,
            "the site meter's model, on the pile's RS485 bus (same line settings as meter.*)");
        public static readonly ConfigKey SiteMeterAddress = new ConfigKey("site.meter.address", "", 2, 1, 247, "Modbus slave address of the site meter (not meter.address)");
        public static readonly ConfigKey SiteMaxImportA = new ConfigKey("site.maxImportA", "A", 40, 6, 500, "the site's feeder limit per phase: its import may not exceed this");
        public static readonly ConfigKey SiteLostA = new ConfigKey("site.lostA", "A", 6, 0, 63, "what the pile may take while the site meter is lost or implausible (below 6: pause)");
        public static readonly ConfigKey SiteRaiseAPerS = new ConfigKey("site.raiseAPerS", "A", 1, 1, 32, "the site's headroom raises the pile's offer by at most this many A a second (reductions apply at once)");
        public static readonly ConfigKey SitePauseS = new ConfigKey("site.pauseS", "s", 60, 10, 3600,
            "a site still over its limit once the vehicle had overcurrent.graceMs to follow pauses the charge (no PWM) this long at least");
        public static readonly ConfigKey SiteSharePct = new ConfigKey("site.sharePct", "", 100, 1, 100,
            "this pile's share (percent) of a rise in the site's headroom, with several piles behind one site meter (docs/site.md)");
        public static readonly ConfigKey SiteSolarStartA = new ConfigKey("site.solar.startA", "A", 6, 6, 63, "solar: the export must reach this (per phase in use) for site.solar.startS to start");
        public static readonly ConfigKey SiteSolarStartS = new ConfigKey("site.solar.startS", "s", 60, 0, 3600, "solar: how long the export must have reached site.solar.startA");
        public static readonly ConfigKey SiteSolarStopA = new ConfigKey("site.solar.stopA", "A", 6, 0, 63, "solar: an export below this for site.solar.stopS pauses the charge (at most site.solar.startA)");
        public static readonly ConfigKey SiteSolarStopS = new ConfigKey("site.solar.stopS", "s", 120, 0, 3600, "solar: how long the export may stay below site.solar.stopA");
        public static readonly ConfigKey SiteSolarImportA = new ConfigKey("site.solar.importA", "A", 0, 0, 16,
            "solar: the import the pile may cause on top of the export; if even that is short of 6 A the charge pauses at once");

        public static readonly ConfigKey StallLimitMs = new ConfigKey("supervision.stallLimitMs", "ms", 500, 50, 5000,
            "the control loop may stall this long before the supervisor forces the outputs safe and reboots");
        public static readonly ConfigKey CrashLoopBoots = new ConfigKey("supervision.crashLoopBoots", "", 5, 1, 50,
            "more unexpected boots in a row than this, each before the window, start the pile in safe mode");
        public static readonly ConfigKey CrashLoopWindowS = new ConfigKey("supervision.crashLoopWindowS", "s", 600, 60, 86400,
            "a run that lasts this long is stable: the count of unexpected boots starts again");

        public static readonly ConfigKey WifiRetryS = new ConfigKey("wifi.retryS", "s", 30, 5, 3600, "while the station has no address, try to join again this often");
        public static readonly ConfigKey WifiConnectTimeoutS = new ConfigKey("wifi.connectTimeoutS", "s", 20, 5, 120, "how long one attempt waits for an address");
        public static readonly ConfigKey WifiRebootAfterMin = new ConfigKey("wifi.rebootAfterMin", "min", 30, 0, 1440,
            "no network for this long reboots the pile once no session runs (0: never)");

        public static readonly ConfigKey RetryResetS = new ConfigKey("fault.retryResetS", "s", 3600, 60, 86400, "a fault that stays clear this long has its retry count reset");

        public static readonly ConfigKey TelemetryChargingS = new ConfigKey("telemetry.chargingIntervalS", "s", 600, 10, 3600,
            "telemetry interval while charging (plus on a significant change; docs/mqtt-api.md)");
        public static readonly ConfigKey TelemetryIdleS = new ConfigKey("telemetry.idleIntervalS", "s", 900, 60, 86400, "telemetry interval while not charging");

        public static readonly ConfigKey HealthHeatBaselineSessions = new ConfigKey("health.heatBaselineSessions", "", 5, 1, 50,
            "sessions after commissioning (or a connector reset) whose heating coefficient is the baseline (docs/health.md)");
        public static readonly ConfigKey HealthHeatSettleMin = new ConfigKey("health.heatSettleMin", "min", 20, 1, 240, "a session's heating is judged only after it has charged this long");
        public static readonly ConfigKey HealthHeatMinCurrentA = new ConfigKey("health.heatMinCurrentA", "A", 10, 6, 63, "below this current a reading says too little about the heating");
        public static readonly ConfigKey HealthHeatWarnPercent = new ConfigKey("health.heatWarnPercent", "", 150, 110, 1000, "warn when the heating coefficient reaches this percentage of its baseline");
        public static readonly ConfigKey HealthHeatDeratePercent = new ConfigKey("health.heatDeratePercent", "", 200, 110, 1000,
            "at this percentage of its baseline the current is held at health.heatDerateA until the connector is reset");
        public static readonly ConfigKey HealthHeatDerateA = new ConfigKey("health.heatDerateA", "A", 10, 0, 63, "the most a derated connection may carry (below 6 A: no charging)");
        public static readonly ConfigKey HealthContactorRatedOps = new ConfigKey("health.contactorRatedOps", "", 50000, 1000, 2000000,
            "the contactor's rated electrical endurance: openings at the rated current (its data sheet, AC-1)");
        public static readonly ConfigKey HealthContactorWarnPercent = new ConfigKey("health.contactorWarnPercent", "", 80, 10, 100, "warn when this much of the contactor's rated life is used");
        public static readonly ConfigKey HealthContactorDelayRiseMs = new ConfigKey("health.contactorDelayRiseMs", "ms", 30, 10, 1000, "warn when the contactor opens this much slower than when new");
        public static readonly ConfigKey HealthNominalV = new ConfigKey("health.nominalV", "V", 220, 100, 400, "the supply's nominal voltage, for the sag, swell and feeder limits");
        public static readonly ConfigKey HealthSupplyLowPercent = new ConfigKey("health.supplyLowPercent", "", 10, 1, 30, "below the nominal by this much is a sag (GB/T 12325, 220 V: -10 %)");
        public static readonly ConfigKey HealthSupplyHighPercent = new ConfigKey("health.supplyHighPercent", "", 7, 1, 30, "above the nominal by this much is a swell (GB/T 12325, 220 V: +7 %)");
        public static readonly ConfigKey HealthRcdRetriesPerDay = new ConfigKey("health.rcdRetriesPerDay", "", 1, 1, 100, "warn when this many self-tests in a day needed a retry");
        public static readonly ConfigKey HealthPilotDriftMv = new ConfigKey("health.pilotDriftMv", "mV", 500, 50, 3000, "warn when the pilot's +12 V level has drifted this far from its baseline");
        public static readonly ConfigKey HealthPilotRejectionsPerHour = new ConfigKey("health.pilotRejectionsPerHour", "", 20, 1, 10000, "warn when the pilot debouncer rejects this many changes in an hour");
        public static readonly ConfigKey HealthMeterErrorPercent = new ConfigKey("health.meterErrorPercent", "", 5, 1, 100, "warn when this share of a day's meter polls failed");
        public static readonly ConfigKey UpdateChunkTimeoutMs = new ConfigKey("update.chunkTimeoutMs", "ms", 10000, 1000, 120000,
            "a chunk of a firmware update not answered within this is asked for again (a weak link sets the pace, not this)");
        public static readonly ConfigKey UpdateTrialMs = new ConfigKey("update.trialMs", "ms", 300000, 10000, 3600000,
            "a new firmware runs on trial until its control loop and supervisor ran this long and the link came up; then it is confirmed");

        public static readonly ConfigKey[] All = Join(new[]
        {
            RatedCurrentA, Phases, Connector, TetheredCableA, LockTimeoutMs, OverVoltageV, UnderVoltageV, VoltageHysteresisV, VoltageDebounceMs,
            AuthMode, OfflinePolicy, AuthTimeoutS,
            VentilationAllowed, ChargeDebounceMs, DropDebounceMs, InvalidFaultMs, PilotCalLowCounts, PilotCalLowMv, PilotCalHighCounts, PilotCalHighMv,
            FallbackCurrentA, FallbackAfterS, KeepAliveS, ProbeTimeoutS, EvStopTimeoutMs, ContactorFeedbackMs, OverCurrentGraceMs, OverCurrentTripMs,
            HalfCurrentC, QuarterCurrentC, StopC, ResumeC, ConnectorStopC, ConnectorResumeC,
            RcdRetries, RcdRetryDelayS, SelfTestRetries, SelfTestRetryDelayS, OverCurrentRetries, OverCurrentRetryDelayS,
            VoltageRetries, VoltageRetryDelayS, UnderVoltageAction, TemperatureRetries, TemperatureRetryDelayS,
            EmergencyStopRetries, EmergencyStopRetryDelayS, MeterRetries, MeterRetryDelayS, ContactorRetries, ContactorRetryDelayS,
            PilotRetries, PilotRetryDelayS, LockRetries, LockRetryDelayS, RetryResetS,
            MeterProfile, MeterAddress, MeterBaud, MeterParity, MeterResponseTimeoutMs, MeterBusyPollMs, MeterIdlePollMs,
            MeterLossMs, MeterStopReadingWaitS, MeterLossPolicy, UnsupervisedMaxA, CustomFunction, CustomWordOrder,
            StallLimitMs, CrashLoopBoots, CrashLoopWindowS, WifiRetryS, WifiConnectTimeoutS, WifiRebootAfterMin,
            TelemetryChargingS, TelemetryIdleS,
            SiteMode, SiteMeterProfile, SiteMeterAddress, SiteMaxImportA, SiteLostA, SiteRaiseAPerS, SitePauseS, SiteSharePct,
            SiteSolarStartA, SiteSolarStartS, SiteSolarStopA, SiteSolarStopS, SiteSolarImportA,
            HealthHeatBaselineSessions, HealthHeatSettleMin, HealthHeatMinCurrentA, HealthHeatWarnPercent, HealthHeatDeratePercent,
            HealthHeatDerateA, HealthContactorRatedOps, HealthContactorWarnPercent, HealthContactorDelayRiseMs, HealthNominalV,
            HealthSupplyLowPercent, HealthSupplyHighPercent, HealthRcdRetriesPerDay, HealthPilotDriftMv, HealthPilotRejectionsPerHour,
            HealthMeterErrorPercent, UpdateChunkTimeoutMs, UpdateTrialMs,
        }, CustomRegister, CustomType, CustomShift);

        static ConfigKeys()
        {
            for (var i = 0; i < All.Length; i++)
                All[i].Index = i;
            // The installation-critical keys (ConfigKey.Critical): limits, protection, the meter, who pays. A local: the
            // flags stay on the keys, the list would only hold memory.
            var critical = Join(new[]
            {
                RatedCurrentA, Phases, OverVoltageV, UnderVoltageV, AuthMode, FallbackCurrentA,
                HalfCurrentC, QuarterCurrentC, StopC, ResumeC, ConnectorStopC, ConnectorResumeC,
                MeterProfile, MeterAddress, MeterBaud, MeterParity, CustomFunction, CustomWordOrder,
                PilotCalLowCounts, PilotCalLowMv, PilotCalHighCounts, PilotCalHighMv,
                SiteMode, SiteMeterProfile, SiteMeterAddress, SiteMaxImportA, SiteLostA, SiteSharePct,
            }, CustomRegister, CustomType, CustomShift);
            foreach (var key in critical)
                key.Critical = true;
        }

        public static ConfigKey Find(string name)
        {
            for (var i = 0; i < All.Length; i++)
                if (All[i].Name == name)
                    return All[i];
            return null;
        }

        /// <summary>The custom meter's keys of one kind (register, type, shift), one a quantity in the order of <c>MeterQuantity</c>.</summary>
        private static ConfigKey[] CustomKeys(string part)
        {
            // Locals, not static tables: nothing needs them once the keys exist. The keys of a kind share their texts.
            string[] quantities = { "voltageL1", "voltageL2", "voltageL3", "currentL1", "currentL2", "currentL3", "power", "energy", "frequency" };
            string[] units = { "mV", "mV", "mV", "mA", "mA", "mA", "W", "Wh", "mHz" };
            string[] types = { "float32", "int32", "uint32", "int16", "uint16" };
            var registerMeaning = "custom meter: register address (-1: the meter has none)";
            var typeMeaning = "custom meter: encoding";
            string shiftMeaning = null;
            var keys = new ConfigKey[quantities.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                var name = "meter.custom." + quantities[i] + "." + part;
                if (part == "register")
                    keys[i] = new ConfigKey(name, "", -1, -1, 65535, registerMeaning);
                else if (part == "type")
                    keys[i] = new ConfigKey(name, types, 0, typeMeaning);
                else
                {
                    if (i == 0 || units[i] != units[i - 1])
                        shiftMeaning = "custom meter: power of ten from the register's value to " + units[i];
                    keys[i] = new ConfigKey(name, "", 0, -6, 6, shiftMeaning);
                }
            }
            return keys;
        }

        private static ConfigKey[] Join(ConfigKey[] first, ConfigKey[] a, ConfigKey[] b, ConfigKey[] c)
        {
            var all = new ConfigKey[first.Length + a.Length + b.Length + c.Length];
            System.Array.Copy(first, 0, all, 0, first.Length);
            System.Array.Copy(a, 0, all, first.Length, a.Length);
            System.Array.Copy(b, 0, all, first.Length + a.Length, b.Length);
            System.Array.Copy(c, 0, all, first.Length + a.Length + b.Length, c.Length);
            return all;
        }

        private static ConfigKey Retries(string fault, int defaultRetries) =>
            new ConfigKey("fault." + fault + ".retries", "", defaultRetries, -1, 100, RetriesMeaning);

        private static ConfigKey RetryDelay(string fault, int defaultSeconds) =>
            new ConfigKey("fault." + fault + ".retryDelayS", "s", defaultSeconds, 0, 86400, RetryDelayMeaning);
    }
}

namespace ChargeController.Firmware.Safety
{
    /// <summary>
    /// Every fault the pile can raise. Several faults share an OCPP error code (GroundFailure for AC, DC and a failed
    /// self-test) and are told apart by their detail; see <see cref="FaultPolicies"/> for code, detail and policy.
    /// </summary>
    public enum Fault
    {
        ResidualCurrentAc,
        ResidualCurrentDc,
        ResidualCurrentSelfTest,
        OverCurrent,
        OverVoltage,
        UnderVoltage,
        EnclosureOverTemperature,
        ConnectorOverTemperature,
        EmergencyStop,
        ContactorWelded,
        ContactorStuckOpen,
        /// <summary>The meter sees current although the contactor is open.</summary>
        ContactorCurrentWhileOpen,
        /// <summary>No valid meter reading for the loss timeout.</summary>
        MeterLost,
        /// <summary>
        /// The flash refused a journal write (broken, or its partition full), or a running session's open record is late:
        /// the record waits for a retry.
        /// </summary>
        StorageFailure,
        PilotShort,
        PilotOpen,
        PilotDiodeMissing,
        PilotInvalid,
        /// <summary>No intact stored configuration, or a bad installation-critical value: unavailable until one is written.</summary>
        ConfigDamaged,
        /// <summary>The socket's plug lock did not engage in time: no charge; retried per its policy.</summary>
        ConnectorLockEngage,
        /// <summary>The socket's plug lock did not release after a session: the plug is held; latched at once.</summary>
        ConnectorLockRelease,
        /// <summary>Charging without a fresh plausible meter reading: over-current and weld detection are off.</summary>
        MeterUnsupervised,
        /// <summary>The journal is at its ceiling with records the platform has not acknowledged: no new session until it has room.</summary>
        StorageFull,
        /// <summary>
        /// The link supervisor could not track a QoS 1 publish the broker link had taken (no entry, or an id already in
        /// flight): the connection was dropped so everything unacknowledged goes again. A bug, never expected.
        /// </summary>
        LinkTracking,
        /// <summary>
        /// A pass over the journal found damaged bytes between records (flash damage): the records they fall in are lost,
        /// those after them are read; the bytes are kept aside. Latched at once, until a technician or the platform clears it.
        /// </summary>
        JournalDamaged,
        /// <summary>
        /// The broker refuses this pile's publishes (an MQTT 5 PUBACK reason code such as 0x87 not authorized: its ACL), refuses
        /// its subscriptions, or does not deliver its delivery probe (MQTT 3.1.1): what was refused stays in the outbox and goes
        /// again after the backoff. Clears once a publish on that topic is accepted, or a probe comes back.
        /// </summary>
        LinkRefused,
        /// <summary>
        /// The site meter (site.mode limit or solar) has given no plausible reading for a while, or answers nonsense: the
        /// pile offers at most site.lostA until it reads right again. A warning; it clears itself.
        /// </summary>
        SiteMeterLost,
        /// <summary>
        /// With the contactor open the pile's meter reads current while the site meter reads about none: the two meters
        /// answer at each other's address (meter.address and site.meter.address swapped?). A warning beside the
        /// current-while-open that follows; it clears once the readings agree with the wiring.
        /// </summary>
        SiteMetersSwapped,
    }
}

namespace ChargeController.Firmware.Pilot
{
    /// <summary>Control-pilot states of GB/T 18487.1 / IEC 61851-1, classified from the high level of the pilot signal.</summary>
    public enum PilotState
    {
        /// <summary>Not classified yet (just booted).</summary>
        Unknown,
        /// <summary>12 V: no vehicle.</summary>
        A,
        /// <summary>9 V: vehicle connected, S2 open.</summary>
        B,
        /// <summary>6 V: vehicle connected, S2 closed, ready to charge.</summary>
        C,
        /// <summary>3 V: ready to charge, ventilation required.</summary>
        D,
        /// <summary>0 V: pilot shorted to PE, or no supply.</summary>
        E,
        /// <summary>-12 V: the pile drives state F (not available).</summary>
        F,
        /// <summary>Outside every acceptance window.</summary>
        Invalid,
    }
}

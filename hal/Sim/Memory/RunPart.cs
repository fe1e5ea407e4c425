namespace ChargeController.Sim.Memory
{
    /// <summary>The parts of a simulated run that a memory probe is told about.</summary>
    public enum RunPart
    {
        /// <summary>Building the pile and starting it: the simulated board, the core, the first boot.</summary>
        Startup,
        /// <summary>One boot: loading config and boot state, reading the journal, building and starting a new core.</summary>
        Boot,
        /// <summary>One control period: vehicle, meter poll, core tick, journal, supervisor.</summary>
        Tick,
        /// <summary>The simulated flash making its own buffers: flash on a pile, not heap, so a probe leaves it out.</summary>
        Flash,
        /// <summary>The simulated world making its own buffers (the broker, messages in transit): not on a pile, left out.</summary>
        World,
        /// <summary>The simulated flash being read (it allocates nothing): a moment a probe may look at the heap in the middle of a boot.</summary>
        FlashRead,
    }
}

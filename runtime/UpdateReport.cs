using ChargeController.Firmware.Updates;
using ChargeController.Loader;
using ChargeController.Runtime.Console;

namespace ChargeController.Runtime
{
    /// <summary>
    /// The console's `update`: the running firmware and its slot, whether it runs on trial, and the update in progress
    /// or the last one's outcome (docs/console.md, docs/updates.md). Built when a technician asks, never per tick.
    /// </summary>
    public static class UpdateReport
    {
        /// <param name="agent">null for a pile without a link to the platform</param>
        public static string Write(UpdateAgent agent, ReplyWriter reply)
        {
            if (agent == null)
                return "no firmware updates: this pile has no link to the platform";
            var slots = agent.Slots;
            reply.Field("running", UpdateVersion.Format(agent.RunningVersion));
            reply.Field("slot", SlotLayout.Name(slots.ActiveSlot));
            reply.Field("trial", slots.Trial);
            reply.Field("previous", UpdateVersion.Format(slots.PreviousVersion));
            reply.Field("state", UpdateStates.Name(agent.Shown));
            if (agent.Shown == UpdateStates.Idle)
                return null;
            reply.Field("package", agent.Package);
            reply.Field("version", UpdateVersion.Format(agent.Version));
            reply.Field("stagedBytes", agent.StagedBytes);
            reply.Field("totalBytes", agent.TotalBytes);
            if (agent.OutcomeReason != null)
                reply.Field("reason", agent.OutcomeReason);
            return null;
        }
    }
}

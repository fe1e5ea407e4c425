namespace ChargeController.Sim.Scenarios
{
    /// <summary>Told after each step of a scenario run, so a long run can show how far it is.</summary>
    public interface IRunProgress
    {
        void StepDone(int stepsDone, int stepsTotal);
    }
}

using System.Reflection.Emit;

namespace ChargeController.NfCheck.Passes;

/// <summary>
/// `Thread.Sleep(0)`: on nanoCLR it moves the caller behind every other ready thread (nf-interpreter, Thread.Sleep's
/// native part: UpdateToLowestExecutionCounter), whatever its priority. A control loop that yielded so when it came late
/// waited for a whole quantum of each busy lower thread, came late again, and stayed there (tools/NanoClr/timing.sh: 22
/// ticks a second instead of 100). Reported where a constant 0 is handed straight to Thread.Sleep(int).
/// </summary>
public sealed class SleepZeroPass : ICheckPass
{
    public void Run(CheckedAssembly assembly)
    {
        foreach (var (_, location, instructions) in assembly.MethodBodies())
            for (var i = 1; i < instructions.Count; i++)
            {
                var instruction = instructions[i];
                if (!instruction.IsCall || !IsZero(instructions[i - 1]))
                    continue;
                var target = assembly.Call(instruction);
                if (target.DeclaringType == "System.Threading.Thread" && target.Name == "Sleep" &&
                    target.Parameters.Count == 1 && target.Parameters[0] == "System.Int32")
                    assembly.Report(Rule.SleepZero, location, "calls Thread.Sleep(0): on nanoCLR it puts the caller behind " +
                        "every other ready thread, whatever its priority; a periodic thread that is late runs again at once " +
                        "(docs/nfcheck.md).");
            }
    }

    private static bool IsZero(IlInstruction load) =>
        load.OpCode == OpCodes.Ldc_I4_0 || ((load.OpCode == OpCodes.Ldc_I4_S || load.OpCode == OpCodes.Ldc_I4) && load.Value == 0);
}

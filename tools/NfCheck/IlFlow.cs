using System.Reflection.Emit;

namespace ChargeController.NfCheck;

/// <summary>
/// A method body's instructions with what a pass needs to follow a value on the evaluation stack without a data-flow
/// analysis: the next instruction along one path, where branches join, and each instruction's stack effect.
/// </summary>
public sealed class IlFlow
{
    private readonly CheckedAssembly _assembly;
    private readonly List<IlInstruction> _instructions;
    private readonly Dictionary<int, int> _indexAt = new();
    private readonly HashSet<int> _joins = new();

    public IlFlow(CheckedAssembly assembly, List<IlInstruction> instructions)
    {
        _assembly = assembly;
        _instructions = instructions;
        for (var i = 0; i < instructions.Count; i++)
            _indexAt[instructions[i].Offset] = i;
        foreach (var instruction in instructions)
            if (instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch &&
                instruction.OpCode.OperandType != OperandType.InlineSwitch && _indexAt.TryGetValue(instruction.Value, out var target))
                _joins.Add(target);
    }

    public IlInstruction this[int index] => _instructions[index];

    /// <summary>Some branch jumps to the instruction (switch targets aside), so what precedes it is not all that reaches it.</summary>
    public bool IsJoin(int index) => _joins.Contains(index);

    /// <summary>
    /// The instruction after <paramref name="index"/> on one path: past a conditional branch (not taken), to the target of
    /// an unconditional one; -1 where the path ends (return, throw, leave). Every path through an expression leaves the
    /// same values on the stack where its branches join, so this path is enough to count them.
    /// </summary>
    public int Next(int index)
    {
        var opCode = _instructions[index].OpCode;
        if (opCode == OpCodes.Br || opCode == OpCodes.Br_S)
            return _indexAt.TryGetValue(_instructions[index].Value, out var target) ? target : -1;
        if (opCode.FlowControl is FlowControl.Return or FlowControl.Throw || opCode == OpCodes.Leave || opCode == OpCodes.Leave_S)
            return -1;
        return index + 1 < _instructions.Count ? index + 1 : -1;
    }

    /// <summary>How many values the instruction takes from the evaluation stack and how many it puts there; null when unknown (calli, ret).</summary>
    public (int Pops, int Pushes)? Effect(int index)
    {
        var instruction = _instructions[index];
        var opCode = instruction.OpCode;
        if (instruction.IsCall)
        {
            var call = _assembly.Call(instruction);
            if (opCode == OpCodes.Newobj)
                return (call.Parameters.Count, 1);
            return (call.Parameters.Count + (call.IsInstance ? 1 : 0), call.ReturnType == "System.Void" ? 0 : 1);
        }
        if (opCode.StackBehaviourPop == StackBehaviour.Varpop || opCode.StackBehaviourPush == StackBehaviour.Varpush)
            return null;
        // Pop0, Pop1, Popi_popi, Popref_popi_popref..: one value per part of the name.
        var pops = opCode.StackBehaviourPop == StackBehaviour.Pop0 ? 0 : opCode.StackBehaviourPop.ToString().Split('_').Length;
        var pushes = opCode.StackBehaviourPush switch
        {
            StackBehaviour.Push0 => 0,
            StackBehaviour.Push1_push1 => 2,
            _ => 1,
        };
        return (pops, pushes);
    }

    /// <summary>The integer an ldc.i4 form pushes, or null for any other instruction.</summary>
    public static int? Constant(IlInstruction instruction)
    {
        if (instruction.OpCode == OpCodes.Ldc_I4 || instruction.OpCode == OpCodes.Ldc_I4_S)
            return instruction.Value;
        var shortForm = instruction.OpCode.Value - OpCodes.Ldc_I4_0.Value; // ldc.i4.m1, ldc.i4.0 .. ldc.i4.8 are consecutive
        return shortForm is >= -1 and <= 8 ? shortForm : null;
    }
}

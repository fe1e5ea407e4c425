namespace ChargeController.PileSim.Generator;

/// <summary>One thing a scenario may do next (a plug-in, a fault and its repair, a login), and how often it is chosen.</summary>
public sealed record Act(string Name, int Weight, Action<Draft> Run)
{
    public static Act Pick(Random random, IReadOnlyList<Act> acts)
    {
        var roll = random.Next(acts.Sum(a => a.Weight));
        foreach (var act in acts)
        {
            if (roll < act.Weight)
                return act;
            roll -= act.Weight;
        }
        throw new InvalidOperationException("unreachable: the roll is below the total weight");
    }
}

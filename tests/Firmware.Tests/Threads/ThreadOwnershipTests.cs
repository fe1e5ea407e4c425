using System.Reflection;
using ChargeController.Firmware;
using ChargeController.Firmware.Safety;
using ChargeController.Hal;
using ChargeController.Runtime;
using Xunit;

namespace ChargeController.Tests.Threads;

/// <summary>
/// Who may touch the safety function (docs/architecture.md, Threads): the safety loop and the interlock's trip belong to
/// the safety thread, the interlock's command to the control thread, the board's safety inputs to those two, and the
/// contactor's and the pilot's outputs to the control thread and to the supervisor (which forces them safe). Checked on
/// the IL: from each thread's work (its <see cref="IRuntimeWork.RunOnce"/>) every method it can reach through the
/// device assemblies is walked (a call through an interface or a virtual method reaches every implementation there, a
/// delegate's target is reached where it is made), and every member those methods name is held against this table.
/// </summary>
public class ThreadOwnershipTests
{
    private static readonly Assembly[] Device = { typeof(Pile).Assembly, typeof(PileRuntime).Assembly, typeof(PileHardware).Assembly };

    private static readonly Dictionary<string, string> Threads = new()
    {
        ["SafetyWork"] = "safety", ["ControlWork"] = "control", ["SupervisorWork"] = "supervisor", ["MeterWork"] = "meter",
        ["StorageWork"] = "storage", ["NetworkWork"] = "network", ["ConsoleWork"] = "console", ["WifiWork"] = "wifi",
    };

    /// <summary>Type (and member, or * for all) to the threads that may name it.</summary>
    private static readonly (Type Type, string Member, string[] Threads)[] Owners =
    {
        (typeof(SafetyLoop), "*", new[] { "safety" }),
        (typeof(SafetyInterlock), "Trip", new[] { "safety" }),
        (typeof(SafetyInterlock), "get_HeldClosed", new[] { "safety" }),
        (typeof(SafetyInterlock), "Command", new[] { "control" }),
        (typeof(SafetyInterlock), "get_OpenedBySafetyLoop", new[] { "control" }),
        (typeof(SafetyInterlock), "get_Cause", new[] { "control" }),
        (typeof(IControlPilot), "get_HighLevelMv", new[] { "safety", "control" }),
        (typeof(IControlPilot), "get_LowLevelMv", new[] { "control" }),
        (typeof(IConnectionConfirm), "*", new[] { "safety", "control" }),
        (typeof(IResidualCurrentDevice), "get_AcTripped", new[] { "safety", "control" }),
        (typeof(IResidualCurrentDevice), "get_DcTripped", new[] { "safety", "control" }),
        (typeof(IResidualCurrentDevice), "SetTestCurrent", new[] { "control" }),
        (typeof(IEmergencyStop), "*", new[] { "safety", "control" }),
        (typeof(IContactor), "Command", new[] { "safety", "control", "supervisor" }), // the interlock opens the board's contactor
        (typeof(IControlPilot), "Drive", new[] { "control", "supervisor" }),
    };

    public static readonly TheoryData<string> Works = new(Threads.Keys);

    [Theory]
    [MemberData(nameof(Works))]
    public void EachThreadTouchesOnlyWhatItOwns(string work)
    {
        var thread = Threads[work];
        var foreign = Named(work).Select(m => (Member: m, Owner: OwnerOf(m))).Where(x => x.Owner != null && !x.Owner.Contains(thread))
            .Select(x => $"{x.Member.DeclaringType!.Name}.{x.Member.Name} (owned by {string.Join(", ", x.Owner!)})").Distinct();
        Assert.Empty(foreign);
    }

    [Fact]
    public void TheWalkReachesWhatEachThreadDoes() // the check itself: it sees the members the table guards
    {
        Assert.Contains(Named("SafetyWork"), m => m.DeclaringType == typeof(SafetyInterlock) && m.Name == "Trip");
        Assert.Contains(Named("SafetyWork"), m => m.DeclaringType == typeof(IEmergencyStop));
        Assert.Contains(Named("ControlWork"), m => m.DeclaringType == typeof(IContactor) && m.Name == "Command");
        Assert.Contains(Named("ControlWork"), m => m.DeclaringType == typeof(SafetyInterlock) && m.Name == "get_OpenedBySafetyLoop");
        Assert.Contains(Named("SupervisorWork"), m => m.DeclaringType == typeof(IControlPilot) && m.Name == "Drive");
        Assert.True(Threads.Keys.All(w => typeof(PileRuntime).Assembly.GetTypes().Any(t => t.Name == w)), "a work in the table no longer exists");
        Assert.Equal(Threads.Count, typeof(PileRuntime).Assembly.GetTypes().Count(t => typeof(IRuntimeWork).IsAssignableFrom(t) && t.IsClass));
    }

    private static string[]? OwnerOf(MethodBase member) => Owners
        .Where(o => o.Type == member.DeclaringType && (o.Member == "*" || o.Member == member.Name)).Select(o => o.Threads).FirstOrDefault();

    /// <summary>Every member named by the methods a work's RunOnce reaches.</summary>
    private static IEnumerable<MethodBase> Named(string work)
    {
        var root = typeof(PileRuntime).Assembly.GetTypes().Single(t => t.Name == work).GetMethod(nameof(IRuntimeWork.RunOnce))!;
        var seen = new HashSet<MethodBase> { root };
        var queue = new Queue<MethodBase>(seen);
        var named = new HashSet<MethodBase>();
        while (queue.Count > 0)
            foreach (var callee in IlScan.MethodsNamed(queue.Dequeue()))
            {
                named.Add(callee);
                foreach (var body in Bodies(callee))
                    if (seen.Add(body))
                        queue.Enqueue(body);
            }
        return named;
    }

    /// <summary>The device bodies a call can run: the method itself, and every implementation or override of it there.</summary>
    private static IEnumerable<MethodBase> Bodies(MethodBase method)
    {
        if (!Device.Contains(method.DeclaringType!.Assembly) && !method.IsVirtual)
            yield break;
        if (Device.Contains(method.DeclaringType.Assembly) && method.GetMethodBody() != null)
            yield return method;
        if (method is not MethodInfo { IsVirtual: true } virtualMethod)
            yield break;
        foreach (var type in DeviceTypes.Where(t => t.IsClass && method.DeclaringType.IsAssignableFrom(t) && t != method.DeclaringType))
        {
            if (method.DeclaringType.IsInterface)
            {
                var map = type.GetInterfaceMap(method.DeclaringType);
                var at = Array.IndexOf(map.InterfaceMethods, virtualMethod);
                if (at >= 0 && map.TargetMethods[at].DeclaringType == type)
                    yield return map.TargetMethods[at];
            }
            else
                foreach (var candidate in type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    if (candidate.GetBaseDefinition() == virtualMethod.GetBaseDefinition())
                        yield return candidate;
        }
    }

    private static readonly Type[] DeviceTypes = Device.SelectMany(a => a.GetTypes()).ToArray();
}

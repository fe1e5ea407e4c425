using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>The assemblies that go onto the pile, as built: they reference nanoFramework's mscorlib 1.17.11 and nothing else.</summary>
public class DeviceAssemblyTests
{
    public static readonly Assembly[] DeviceAssemblies =
    {
        typeof(ChargeController.Hal.IMonotonicClock).Assembly,
        typeof(ChargeController.Loader.Sha256).Assembly,
        typeof(ChargeController.Firmware.Pilot.PilotDuty).Assembly,
        typeof(ChargeController.Runtime.PileRuntime).Assembly,
        typeof(ChargeController.Sim.Board.SimBoard).Assembly,
    };

    public static IEnumerable<object[]> Each() => DeviceAssemblies.Select(a => new object[] { a.GetName().Name! });

    private static Assembly Named(string name) => DeviceAssemblies.Single(a => a.GetName().Name == name);

    [Theory]
    [MemberData(nameof(Each))]
    public void ReferencesOnlyNanoFrameworkMscorlibAndDeviceAssemblies(string name)
    {
        var deviceNames = DeviceAssemblies.Select(a => a.GetName().Name).ToHashSet();
        foreach (var reference in Named(name).GetReferencedAssemblies())
        {
            if (deviceNames.Contains(reference.Name))
                continue;
            Assert.Equal("mscorlib", reference.Name);
            Assert.Equal(new Version(1, 17, 11, 0), reference.Version);
        }
        Assert.Contains(Named(name).GetReferencedAssemblies(), r => r.Name == "mscorlib");
    }

    [Fact]
    public void DeviceAssembliesPassTheChecker()
    {
        var paths = DeviceAssemblies.Select(a => a.Location).ToList();
        var result = new Checker(paths, new[] { DeviceCompiler.NanoMscorlib }, Array.Empty<string>()).Run();
        Assert.Empty(result.Findings.Select(f => f.ToString()));
    }

    /// <summary>The tests load the Release build nf.proj checks and ships, not the Debug one `dotnet test` builds by default.</summary>
    [Theory]
    [MemberData(nameof(Each))]
    public void IsTheOptimisedReleaseBuild(string name)
    {
        var debuggable = Named(name).GetCustomAttribute<DebuggableAttribute>();
        Assert.NotNull(debuggable);
        Assert.False(debuggable.IsJITOptimizerDisabled, $"{name} was loaded from a Debug build: {Named(name).Location}");
    }
}

using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace ChargeController.Tests;

/// <summary>These tests judge the IL that ships: the Release build of the device assemblies, whatever `dotnet test` builds.</summary>
public class ReleaseBuildTests
{
    [Theory]
    [InlineData(typeof(ChargeController.Hal.IFileStore))]
    [InlineData(typeof(ChargeController.Loader.Sha256))]
    [InlineData(typeof(ChargeController.Firmware.Pile))]
    [InlineData(typeof(ChargeController.Sim.Scenarios.SimulatedPile))]
    public void DeviceAssemblyIsTheOptimisedReleaseBuild(Type deviceType)
    {
        var assembly = deviceType.Assembly;
        var debuggable = assembly.GetCustomAttribute<DebuggableAttribute>();
        Assert.NotNull(debuggable);
        Assert.False(debuggable.IsJITOptimizerDisabled, $"{assembly.GetName().Name} was loaded from a Debug build: {assembly.Location}");
    }
}

using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>
/// NF011: Thread.Sleep(0) demotes its caller behind every ready thread on nanoCLR; a sleep of a computed or positive time
/// passes. The runtime's PeriodicThread, which once yielded so, is checked with every device assembly (DeviceAssemblyTests,
/// `dotnet build nf.proj`).
/// </summary>
public class SleepZeroTests
{
    [Fact]
    public void SleepZeroIsReported()
    {
        var findings = DeviceCompiler.Check(
            "public static class Loop { public static void Yield() { System.Threading.Thread.Sleep(0); } }");
        Assert.Contains("calls Thread.Sleep(0)", RuleTests.Single(findings, Rule.SleepZero, "Loop::Yield").Message);
    }

    [Fact]
    public void SleepOfAComputedOrPositiveTimePasses()
    {
        var findings = DeviceCompiler.Check(@"
            public static class Loop {
                public static void Wait(long nextMs, long nowMs) { if (nextMs > nowMs) System.Threading.Thread.Sleep((int)(nextMs - nowMs)); }
                public static void Pause() { System.Threading.Thread.Sleep(10); }
            }");
        Assert.DoesNotContain(findings, f => f.Rule == Rule.SleepZero);
    }
}

using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MeterProbe.Tests;

/// <summary>A test whose server is missing fails and says which command installs it.</summary>
public sealed class RequiredProgramTests
{
    [Fact]
    public void AnInstalledProgramIsFoundOnThePath() =>
        Assert.EndsWith("/sh", RequiredProgram.Find("sh", "dash"));

    [Fact]
    public void AMissingProgramFailsNamingTheInstallCommand()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => RequiredProgram.Find("no-such-broker", "no-such-package"));
        Assert.Contains("no-such-broker is not installed: run the tests with ./test.sh", missing.Message);
        Assert.Contains("apt-get install no-such-package", missing.Message);
    }
}

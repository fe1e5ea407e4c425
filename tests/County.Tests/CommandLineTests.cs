using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.County.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void FleetSimAndCountyLedgerKeepTheToolConventions()
    {
        ToolConventions.HelpAndVersionGoToStandardOutput("FleetSim", "FleetSim", "Usage: FleetSim [--piles N]");
        ToolConventions.HelpAndVersionGoToStandardOutput("CountyLedger", "CountyLedger", "CountyLedger listen");
    }

    [Theory]
    [InlineData("FleetSim", "--piles 0", "--piles takes 1 to 370")]
    [InlineData("FleetSim", "--townships xinguan,atlantis", "--townships takes names of")]
    [InlineData("FleetSim", "--speed fast", "--speed takes")]
    [InlineData("FleetSim", "--bogus", "unknown option '--bogus'")]
    [InlineData("FleetSim", "--direct --chaos", "--direct piles have no relay to cut their links: not with --chaos")]
    [InlineData("FleetSim", "--piles-broker nowhere", "--piles-broker takes host:port")]
    [InlineData("FleetSim", "--piles-broker 127.0.0.1:8883", "--piles-broker needs --broker")]
    [InlineData("FleetSim", "--tls-ca ca.pem", "--tls-ca needs --broker")]
    [InlineData("CountyLedger", "energy --by colour", "--by takes pile, township or band")]
    [InlineData("CountyLedger", "energy --from yesterday", "--from takes a date")]
    [InlineData("CountyLedger", "fly", "unknown verb 'fly'")]
    public void AWrongCommandLineIsExit2WithTheProblemOnStandardError(string tool, string arguments, string problem)
    {
        var run = ToolRun.Of(tool, null, arguments.Split(' '));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(problem, run.Errors);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void AskingALedgerThatDoesNotExistIsAFailure()
    {
        var run = ToolRun.Of("CountyLedger", null, "energy", "--db", "/nonexistent/county.db");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no ledger at /nonexistent/county.db", run.Errors);
    }

    [Fact]
    public void PilesThatCannotReachTheirBrokerAreAFailureBeforeTheRun()
    {
        var run = ToolRun.Of("FleetSim", null, "--piles", "2", "--days", "0.001", "--no-ledger", "--broker", "127.0.0.1:1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the piles cannot connect to 127.0.0.1:1", run.Errors);
        Assert.DoesNotContain("piles' journals", run.Output);
    }

    [Fact]
    public void AMissingCaIsAFailureBeforeAnyPileStarts()
    {
        var run = ToolRun.Of("FleetSim", null, "--piles", "1", "--days", "0.001", "--no-ledger", "--broker", "127.0.0.1:1", "--tls-ca", "/nonexistent/ca.pem");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--tls-ca /nonexistent/ca.pem: no such file", run.Errors);
        Assert.DoesNotContain("piles' journals", run.Output);
    }
}

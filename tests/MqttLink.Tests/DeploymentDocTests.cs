using System.Diagnostics;
using ChargeController.Firmware.Config;
using Xunit;

namespace ChargeController.MqttLink.Tests;

/// <summary>What docs/deployment.md says beyond the files the broker runs from: who owns the secrets, and the sizing.</summary>
[Collection(BrokerCollection.Name)]
public sealed class DeploymentDocTests
{
    private readonly Mosquitto _broker;

    public DeploymentDocTests(BrokerFixture fixture) => _broker = fixture.Broker;

    [Theory]
    [InlineData("certs/server.key")]
    [InlineData("passwd")]
    [InlineData("acl")]
    public void TheDocumentedCommandsLeaveTheSecretsToRootAndTheBrokersGroupOnly(string file)
    {
        if (OperatingSystem.IsWindows())
            return; // mosquitto and its owners and modes are the Linux server's
        var path = Path.Combine(_broker.Folder, file);
        var mode = File.GetUnixFileMode(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, mode);
        if (Environment.UserName == "root") // the commands give the files away only when the test can (Mosquitto.cs)
            Assert.Equal("root:mosquitto", Owners(path));
    }

    [Fact]
    public void TheSizingUsesTheDefaultTelemetryIntervals()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "deployment.md"));
        var sizing = text[text.IndexOf("### Sizing", StringComparison.Ordinal)..];
        sizing = sizing[..sizing.IndexOf("\n- ", StringComparison.Ordinal)];
        Assert.Contains("every " + ConfigKeys.TelemetryChargingS.Default + " s while charging", sizing);
        Assert.Contains("every " + ConfigKeys.TelemetryIdleS.Default / 60 + " min idle", sizing);
    }

    private static string Owners(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", new[] { "-c", "%U:%G", path }) { RedirectStandardOutput = true })!;
        var owners = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owners;
    }
}

namespace ChargeController.NfCheck;

/// <summary>One thing a device assembly does that compiles but does not run (or runs differently) on nanoFramework 1.x.</summary>
public sealed record Finding(Rule Rule, string Assembly, string Location, string Message)
{
    /// <summary>MSBuild's canonical error format, so `dotnet build nf.proj` lists each finding as a build error.</summary>
    public override string ToString() => $"{Assembly}: error {Rule.Id()}: {Location}: {Message}";
}

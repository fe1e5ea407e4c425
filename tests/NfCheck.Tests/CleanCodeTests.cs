using Xunit;

namespace ChargeController.NfCheck.Tests;

/// <summary>What runs the same on the device and on .NET must not be reported: the checker earns trust by staying quiet.</summary>
public class CleanCodeTests
{
    private const string Clean = @"
        public enum Status { Available, Charging }
        public delegate void AmpsChanged(int amps);
        public sealed class Pile
        {
            private static readonly string[] Names = { ""Available"", ""Charging"" };
            private readonly int[][] _jagged = { new[] { 1, 2 }, new[] { 3 } };
            private readonly System.Collections.ArrayList _log = new System.Collections.ArrayList();
            public event AmpsChanged Changed;
            public static string Name(Status s) { return Names[(int)s]; }
            public string Show(int amps, long wh, Status s)
            {
                AmpsChanged local = a => _log.Add(a);
                local(amps);
                if (Changed != null) Changed(amps);
                switch (Name(s)) { case ""Charging"": return ""C "" + amps.ToString(""D3"") + "" "" + wh.ToString(""X4""); default: break; }
                return string.Format(""{0:N0} Wh, {1,5:F2}"", wh, amps) + _jagged[0][1] + (s == Status.Charging);
            }
            public static float Decode(byte[] words) { return System.BitConverter.ToSingle(words, 0); }
        }";

    [Fact]
    public void CleanAssemblyHasNoFindings()
    {
        Assert.Empty(DeviceCompiler.Check(Clean));
    }

    [Fact]
    public void SizeReportCountsIlAndNamesTheLargestMethods()
    {
        var path = DeviceCompiler.Compile("Sized", Clean);
        var size = Assert.Single(new Checker(new[] { path }, new[] { DeviceCompiler.NanoMscorlib }, Array.Empty<string>()).Run().Sizes);
        Assert.Equal("Sized", size.Assembly);
        Assert.Equal("Pile::Show", size.Largest[0].Method);
        Assert.True(size.IlBytes >= size.Largest.Sum(l => l.IlBytes));
        Assert.True(size.Methods >= 4);
    }
}

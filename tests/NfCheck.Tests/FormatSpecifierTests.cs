using Xunit;

namespace ChargeController.NfCheck.Tests;

public class FormatSpecifierTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("D", true)]
    [InlineData("X4", true)]
    [InlineData("n0", true)]
    [InlineData("F2", true)]
    [InlineData("E2", false)]
    [InlineData("P", false)]
    [InlineData("0.00", false)]
    [InlineData("C", false)]
    [InlineData("R", false)]
    public void OnlyDFGNXArePortable(string specifier, bool supported) =>
        Assert.Equal(supported, FormatSpecifier.IsSupported(specifier));

    [Fact]
    public void CompositeItemsAreSplitAndEscapedBracesSkipped() =>
        Assert.Equal(new[] { "X4", "", "N0" }, FormatSpecifier.ItemFormats("{0,5:X4} {{literal}} {1} {2:N0}"));
}

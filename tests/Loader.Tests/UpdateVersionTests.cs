using Xunit;

namespace ChargeController.Loader.Tests;

public class UpdateVersionTests
{
    [Theory]
    [InlineData("1.4.0", 1_004_000)]
    [InlineData("0.0.0", 0)]
    [InlineData("999.999.999", 999_999_999)]
    [InlineData("1.10.0", 1_010_000)]
    [InlineData("10.0.7", 10_000_007)]
    public void ReadsThreeNumbers(string text, int expected)
    {
        Assert.Equal(expected, UpdateVersion.Parse(text));
        Assert.Equal(text, UpdateVersion.Format(expected));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.4")]
    [InlineData("1.4.0.0")]
    [InlineData("01.4.0")]
    [InlineData("1.04.0")]
    [InlineData("1000.0.0")]
    [InlineData("1..0")]
    [InlineData(".1.0")]
    [InlineData("1.4.")]
    [InlineData("1.4.0 ")]
    [InlineData("a.b.c")]
    [InlineData("-1.4.0")]
    [InlineData("1.4.0-rc1")]
    public void RefusesAnythingElse(string text) => Assert.Equal(UpdateVersion.None, UpdateVersion.Parse(text));

    [Fact]
    public void ComparesAsNumbersNotText()
    {
        Assert.True(UpdateVersion.Parse("1.10.0") > UpdateVersion.Parse("1.9.9"));
        Assert.True(UpdateVersion.Parse("2.0.0") > UpdateVersion.Parse("1.999.999"));
        Assert.True(UpdateVersion.Parse("1.4.1") > UpdateVersion.Parse("1.4.0"));
        Assert.Equal("none", UpdateVersion.Format(UpdateVersion.None));
    }
}

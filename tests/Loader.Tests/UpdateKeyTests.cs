using Xunit;

namespace ChargeController.Loader.Tests;

public class UpdateKeyTests
{
    [Fact]
    public void ReadsAKeyFile()
    {
        var file = TestKeys.KeyFile(TestKeys.Operator, "op-2026a");
        var key = new UpdateKey();
        Assert.True(key.Read(file, 0, file.Length));
        Assert.Equal("op-2026a", key.KeyId);
        Assert.Equal(TestKeys.Operator.ExportParameters(false).Modulus, key.Modulus);
        Assert.Equal(1 + 8 + 256, file.Length);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("one byte short")]
    [InlineData("one byte long")]
    [InlineData("empty key id")]
    [InlineData("key id with a slash")]
    [InlineData("key id of 49 characters")]
    [InlineData("even modulus")]
    [InlineData("modulus of 2047 bits")]
    public void RefusesWhatIsNotAKeyFile(string wrong)
    {
        var file = TestKeys.KeyFile(TestKeys.Operator, wrong switch
        {
            "empty key id" => "",
            "key id with a slash" => "op/2026",
            "key id of 49 characters" => new string('k', 49),
            _ => "op-2026a",
        });
        var modulusAt = file.Length - 256;
        file = wrong switch
        {
            "empty" => Array.Empty<byte>(),
            "one byte short" => file[..^1],
            "one byte long" => file.Append((byte)0).ToArray(),
            _ => file,
        };
        if (wrong == "even modulus")
            file[^1] &= 0xFE;
        if (wrong == "modulus of 2047 bits")
            file[modulusAt] &= 0x7F;
        var key = TestKeys.Key(TestKeys.Other, "before");
        Assert.False(key.Read(file, 0, file.Length));
        Assert.Equal("before", key.KeyId); // unchanged
    }
}

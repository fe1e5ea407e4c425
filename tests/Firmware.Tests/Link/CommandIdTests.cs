using System.Text;
using ChargeController.Firmware.Link;
using Xunit;

namespace ChargeController.Tests.Link;

public class CommandIdTests
{
    [Theory]
    [InlineData("{\"v\":1,\"id\":\"abc\",\"cmd\":\"stop\"}", "abc")]
    [InlineData("{ \"cmd\" : \"stop\" , \"id\" : \"x-1\" }", "x-1")]
    [InlineData("{\"v\":1,\"args\":{\"id\":\"inner\"},\"id\":\"outer\"}", "outer")]
    [InlineData("{\"v\":1,\"tags\":[\"id\",\"id\"],\"id\":\"t\"}", "t")]
    [InlineData("{\"v\":1,\"note\":\"\\\"id\\\":\\\"no\\\"\",\"id\":\"yes\"}", "yes")]
    [InlineData("{\"v\":1,\"args\":{\"id\":\"inner\"}}", "")]
    [InlineData("{\"v\":1,\"id\":\"a\\\"b\"}", "")]
    [InlineData("{\"v\":1,\"id\":7}", "")]
    [InlineData("{\"v\":1,\"id\":\"unterminated", "")]
    [InlineData("[\"id\",\"x\"]", "")]
    public void FindsTheTopLevelPlainStringId(string json, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var id = new byte[CommandId.MaxBytes];
        var length = CommandId.Find(bytes, 0, bytes.Length, id);
        Assert.Equal(expected, Encoding.ASCII.GetString(id, 0, length));
    }

    [Fact]
    public void AnIdLongerThanTheHandlerAcceptsIsNone()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"" + new string('a', CommandId.MaxBytes + 1) + "\"}");
        Assert.Equal(0, CommandId.Find(bytes, 0, bytes.Length, new byte[CommandId.MaxBytes]));
        bytes = Encoding.UTF8.GetBytes("{\"id\":\"" + new string('a', CommandId.MaxBytes) + "\"}");
        Assert.Equal(CommandId.MaxBytes, CommandId.Find(bytes, 0, bytes.Length, new byte[CommandId.MaxBytes]));
    }
}

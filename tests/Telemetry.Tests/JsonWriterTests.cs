using System.Text;
using System.Text.Json;
using ChargeController.Firmware.Telemetry;
using Xunit;

namespace ChargeController.Telemetry.Tests;

/// <summary>The device's JSON writer against .NET's JSON reader: structure, escaping, UTF-8, numbers, times, overflow.</summary>
public class JsonWriterTests
{
    private static string Text(JsonWriter w) => Encoding.UTF8.GetString(w.Buffer, 0, w.Length);

    [Fact]
    public void WritesCommasBetweenMembersAndElementsAtEveryDepth()
    {
        var w = new JsonWriter(256);
        w.BeginObject().Integer("a", 1).BeginArray("b").Integer(1).BeginObject().Bool("c", true).EndObject().String("x").EndArray();
        w.BeginObject("d").EndObject().BeginArray("e").EndArray().Bool("f", false).EndObject();
        Assert.Equal("{\"a\":1,\"b\":[1,{\"c\":true},\"x\"],\"d\":{},\"e\":[],\"f\":false}", Text(w));
        Assert.False(w.Overflowed);
    }

    [Fact]
    public void ResetStartsANewMessage()
    {
        var w = new JsonWriter(64);
        w.BeginObject().Integer("a", 1).EndObject();
        w.Reset().BeginObject().Integer("b", 2).EndObject();
        Assert.Equal("{\"b\":2}", Text(w));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(1234567L, "1234567")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void WritesIntegers(long value, string expected)
    {
        var w = new JsonWriter(64);
        w.BeginArray().Integer(value).EndArray();
        Assert.Equal("[" + expected + "]", Text(w));
    }

    [Theory]
    [InlineData(230512L, 3, "230.512")]
    [InlineData(2305L, 1, "230.5")]
    [InlineData(-5L, 1, "-0.5")]
    [InlineData(7L, 3, "0.007")]
    [InlineData(0L, 2, "0.00")]
    [InlineData(16L, 0, "16")]
    [InlineData(-1600L, 2, "-16.00")]
    public void WritesFixedPointFromIntegerUnits(long value, int decimals, string expected)
    {
        var w = new JsonWriter(64);
        w.BeginArray().Fixed(value, decimals).EndArray();
        Assert.Equal("[" + expected + "]", Text(w));
        Assert.Equal((decimal)value / (decimal)Math.Pow(10, decimals), JsonDocument.Parse(Text(w)).RootElement[0].GetDecimal());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("new\nline\rtab\tbs\bff\f")]
    [InlineData("\u0000\u0001\u001f")]
    [InlineData("Grüße, 充电桩 №7")]
    [InlineData("emoji 🔌⚡ outside the BMP")]
    [InlineData("")]
    public void StringsRoundTripThroughAJsonReaderAsUtf8(string text)
    {
        var w = new JsonWriter(512);
        w.BeginObject().String("s", text).EndObject();
        Assert.Equal(text, JsonDocument.Parse(w.Buffer.AsMemory(0, w.Length)).RootElement.GetProperty("s").GetString());
        if (!text.Any(c => c < ' ' || c == '"' || c == '\\'))
            Assert.Equal(Encoding.UTF8.GetBytes("{\"s\":\"" + text + "\"}"), w.Buffer.Take(w.Length));
    }

    [Fact]
    public void ControlCharactersUseTheShortEscapesOrLowercaseUnicode()
    {
        var w = new JsonWriter(64);
        w.BeginArray().String("\n\u0001\u001f").EndArray();
        Assert.Equal("[\"\\n\\u0001\\u001f\"]", Text(w));
    }

    [Fact]
    public void ALoneSurrogateBecomesTheReplacementCharacter()
    {
        var w = new JsonWriter(64);
        w.BeginArray().String("a\ud800b\udc00").EndArray();
        Assert.Equal("a\ufffdb\ufffd", JsonDocument.Parse(w.Buffer.AsMemory(0, w.Length)).RootElement[0].GetString());
    }

    [Fact]
    public void RandomStringsRoundTrip()
    {
        var random = new Random(11);
        var w = new JsonWriter(4096);
        for (var n = 0; n < 2000; n++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = random.Next(4) switch { 0 => (char)random.Next(0, 0x20), 1 => (char)random.Next(0x20, 0x80), 2 => (char)random.Next(0x80, 0x800), _ => (char)random.Next(0x800, 0xD800) };
            var text = new string(chars);
            w.Reset().BeginArray().String(text).EndArray();
            Assert.Equal(text, JsonDocument.Parse(w.Buffer.AsMemory(0, w.Length)).RootElement[0].GetString());
        }
    }

    [Fact]
    public void UtcTimesMatchDotNetFrom1970To2200()
    {
        var w = new JsonWriter(64);
        var random = new Random(12);
        var samples = new List<long> { 0, 59, 86399, 86400, 951782400 /* 2000-02-29 */, 951868800, 4107542399 /* 2100-02-28T23:59:59 */, 1795862176 };
        for (var i = 0; i < 20000; i++)
            samples.Add(random.NextInt64(0, 7258118400)); // up to 2200-01-01
        foreach (var s in samples)
        {
            w.Reset().BeginArray().UtcTime(s).EndArray();
            Assert.Equal("[\"" + DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") + "\"]", Text(w));
        }
    }

    [Fact]
    public void AMessageThatDoesNotFitIsFlaggedNeverOverrun()
    {
        var w = new JsonWriter(16);
        w.BeginObject().String("name", "a value that is far too long").EndObject();
        Assert.True(w.Overflowed);
        Assert.Equal(16, w.Length);
        w.Reset().BeginObject().Integer("a", 1).EndObject();
        Assert.False(w.Overflowed);
        Assert.Equal("{\"a\":1}", Text(w));
    }

    [Fact]
    public void NestingBeyondTheLimitIsFlagged()
    {
        var w = new JsonWriter(64);
        for (var i = 0; i <= JsonWriter.MaxDepth; i++)
            w.BeginArray();
        Assert.True(w.Overflowed);
    }
}

using System.Text;
using ChargeController.Firmware.Commands;
using ChargeController.Loader;
using Xunit;

namespace ChargeController.Tests.Commands;

public class JsonReaderTests
{
    private readonly JsonReader _reader = new();

    private bool Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return _reader.Parse(bytes, bytes.Length);
    }

    private bool ParseBytes(params byte[] bytes) => _reader.Parse(bytes, bytes.Length);

    [Theory]
    [InlineData("{}")]
    [InlineData(" {\"a\" : 1 , \"b\":[true,false,null,\"x\",-0.5,{}], \"c\":{\"d\":[]}}\r\n\t")]
    [InlineData("{\"s\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00\"}")]
    [InlineData("{\"n\":-12345678901234567,\"m\":999999999999999999}")]
    [InlineData("{\"a\":[[[]]]}")]
    public void AcceptsWhatTheGrammarAllows(string json) => Assert.True(Parse(json), _reader.Error);

    [Theory]
    [InlineData("", "not a JSON object")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{} x", "text follows the object")]
    [InlineData("{}{}", "text follows the object")]
    [InlineData("{\"a\":1,\"a\":2}", "a member name appears twice in one object")]
    [InlineData("{\"a\":{\"b\":1,\"b\":1}}", "a member name appears twice in one object")]
        [InlineData("{\"a\":1e3}", "numbers with an exponent are not accepted")]
    [InlineData("{\"a\":01}", "invalid number")]
    [InlineData("{\"a\":1.}", "invalid number")]
    [InlineData("{\"a\":-}", "invalid number")]
    [InlineData("{\"a\":+1}", "unexpected character")]
    [InlineData("{\"a\":1234567890123456789}", "number longer than 18 characters")]
    [InlineData("{\"a\":\"\\x\"}", "invalid escape in a string")]
    [InlineData("{\"a\":\"\\u12g4\"}", "invalid \\u escape in a string")]
    [InlineData("{\"a\":\"\\udc00\"}", "lone low surrogate in a string")]
    [InlineData("{\"a\":\"\\ud800x\"}", "lone high surrogate in a string")]
    [InlineData("{\"a\":\"\\ud800\\u0041\"}", "lone high surrogate in a string")]
    [InlineData("{\"a\":\"x\ty\"}", "control character in a string")]
    [InlineData("{\"a\":\"open}", "a string is not closed")]
    [InlineData("{\"a\":1,}", "expected a member name")]
    [InlineData("{\"a\" 1}", "expected a colon after a member name")]
    [InlineData("{\"a\":1 \"b\":2}", "expected a comma or the closing bracket")]
    [InlineData("{\"a\":[1,]}", "unexpected character")]
    [InlineData("{\"a\":tru}", "unexpected character")]
    [InlineData("{\"\":1}", "member names are 1 to 32 characters")]
    [InlineData("{\"abcdefghijabcdefghijabcdefghijabc\":1}", "member names are 1 to 32 characters")]
    [InlineData("{\"\\u0061\":1}", "member names are printable ASCII without escapes")]
    [InlineData("{\"a\":1", "the document ends early")]
    public void RefusesWithAReason(string json, string reason)
    {
        Assert.False(Parse(json));
        Assert.Equal(reason, _reader.Error);
    }

    [Fact]
    public void RefusesInvalidUtf8()
    {
        byte[] Doc(params byte[] inner) => [.. "{\"a\":\""u8.ToArray(), .. inner, .. "\"}"u8.ToArray()];
        foreach (var bad in new[]
        {
            Doc(0xC0, 0x80), Doc(0xE0, 0x80, 0x80), Doc(0xED, 0xA0, 0x80), Doc(0xF4, 0x90, 0x80, 0x80), Doc(0x80),
            Doc(0xC3), Doc(0xE2, 0x82), Doc(0xFF), Doc(0xC3, 0x41),
        })
        {
            Assert.False(ParseBytes(bad));
            Assert.Equal("invalid UTF-8", _reader.Error);
        }
        Assert.True(ParseBytes(Doc(0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80)));
        Assert.Equal("é€😀", _reader.String(_reader.Member(JsonReader.Root, "a")));
    }

    [Fact]
    public void RefusesMoreThanItsBounds()
    {
        var big = "{\"a\":\"" + new string('x', JsonReader.MaxBytes) + "\"}";
        Assert.False(Parse(big));
        Assert.Equal($"the command is longer than {JsonReader.MaxBytes} bytes", _reader.Error);
        var many = "{\"a\":[" + string.Join(",", Enumerable.Repeat("1", JsonReader.MaxTokens)) + "]}";
        Assert.False(Parse(many));
        Assert.Equal($"more than {JsonReader.MaxTokens} values", _reader.Error);
        Assert.False(Parse("{\"a\":" + string.Concat(Enumerable.Repeat("[", JsonReader.MaxDepth)) + string.Concat(Enumerable.Repeat("]", JsonReader.MaxDepth)) + "}"));
        Assert.Equal($"nested deeper than {JsonReader.MaxDepth} levels", _reader.Error); // the number, not a constant's name
        Assert.True(Parse("{\"a\":[" + string.Join(",", Enumerable.Repeat("1", JsonReader.MaxTokens - 3)) + "]}"), _reader.Error);
    }

    [Fact]
    public void AZeroFractionIsNoFraction()
    {
        Assert.True(Parse("{\"w\":7.0,\"k\":-1.2500,\"h\":7.01}"));
        var root = JsonReader.Root;
        Assert.True(_reader.TryInt(_reader.Member(root, "w"), out var whole)); // as JSON Schema's "integer" has it
        Assert.Equal(7, whole);
        Assert.True(_reader.TryFixed(_reader.Member(root, "k"), 3, out var k));
        Assert.Equal(-1250, k);
        Assert.False(_reader.TryInt(_reader.Member(root, "h"), out _));
        Assert.False(_reader.TryFixed(_reader.Member(root, "h"), 1, out _));
    }

    [Fact]
    public void AnswersAboutMembersNumbersAndStrings()
    {
        Assert.True(Parse("{\"i\":-42,\"f\":7.25,\"s\":\"A\\u0042\\n\",\"t\":true,\"arr\":[1,[2,3],{\"x\":4},5],\"big\":3000000000}"));
        var root = JsonReader.Root;
        Assert.True(_reader.TryInt(_reader.Member(root, "i"), out var i));
        Assert.Equal(-42, i);
        Assert.False(_reader.TryInt(_reader.Member(root, "f"), out _));
        Assert.False(_reader.TryInt(_reader.Member(root, "big"), out _));
        Assert.False(_reader.TryInt(_reader.Member(root, "s"), out _));
        Assert.True(_reader.TryFixed(_reader.Member(root, "f"), 3, out var f));
        Assert.Equal(7250, f);
        Assert.False(_reader.TryFixed(_reader.Member(root, "f"), 1, out _)); // nothing rounded away
        Assert.True(_reader.StringEquals(_reader.Member(root, "s"), "AB\n"));
        Assert.False(_reader.StringEquals(_reader.Member(root, "s"), "AB"));
        Assert.False(_reader.StringEquals(_reader.Member(root, "s"), "AB\nC"));
        Assert.Equal(3, _reader.StringLength(_reader.Member(root, "s")));
        Assert.True(_reader.IsTrue(_reader.Member(root, "t")));
        Assert.Equal(-1, _reader.Member(root, "missing"));
        var arr = _reader.Member(root, "arr");
        Assert.Equal(4, _reader.Count(arr));
        var values = new List<JsonKind>();
        for (var e = _reader.First(arr); e >= 0; e = _reader.Next(e))
            values.Add(_reader.Kind(e));
        Assert.Equal([JsonKind.Number, JsonKind.Array, JsonKind.Object, JsonKind.Number], values);
        var names = new List<string>();
        for (var n = _reader.FirstName(root); n >= 0; n = _reader.NextName(n))
            names.Add(_reader.String(n));
        Assert.Equal(["i", "f", "s", "t", "arr", "big"], names);
        Assert.Equal(6, _reader.Count(root));
    }

    [Fact]
    public void ParsingAllocatesNothingAcceptedOrRefused()
    {
        var good = Encoding.UTF8.GetBytes("{\"v\":1,\"id\":\"a-1\",\"cmd\":\"limit\",\"amps\":10,\"durationS\":60,\"s\":\"\\u00e9\"}");
        var bad = Encoding.UTF8.GetBytes("{\"v\":1,\"id\":\"a-1\",\"cmd\":\"limit\",\"amps\":1e3}");
        _reader.Parse(good, good.Length);
        _reader.Parse(bad, bad.Length);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 100; k++)
        {
            _reader.Parse(good, good.Length);
            _reader.TryInt(_reader.Member(JsonReader.Root, "amps"), out _);
            _reader.StringEquals(_reader.Member(JsonReader.Root, "cmd"), "limit");
            _reader.Parse(bad, bad.Length);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

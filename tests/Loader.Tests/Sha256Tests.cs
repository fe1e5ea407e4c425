using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace ChargeController.Loader.Tests;

/// <summary>The device's SHA-256 against the NIST examples (FIPS 180-4, "SHA256.pdf") and against .NET's own.</summary>
public class Sha256Tests
{
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Digest(byte[] message, int chunk)
    {
        var sha = new Sha256();
        for (var at = 0; at < message.Length; at += chunk)
            sha.Update(message, at, Math.Min(chunk, message.Length - at));
        var digest = new byte[32];
        sha.Final(digest);
        return Hex(digest);
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void NistExamples(string message, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(message);
        Assert.Equal(expected, Digest(bytes, Math.Max(1, bytes.Length)));
        Assert.Equal(expected, Digest(bytes, 1)); // a byte at a time: the same
    }

    [Fact]
    public void OneMillionA()
    {
        var million = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Digest(million, 1000));
    }

    [Fact]
    public void AgreesWithDotNetAtEveryLengthAroundTheBlockAndPaddingBorders()
    {
        var random = new Random(22);
        for (var length = 0; length <= 200; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            foreach (var chunk in new[] { 1, 7, 64, 65, 1000 })
                Assert.Equal(Hex(SHA256.HashData(message)), Digest(message, chunk));
        }
    }

    [Fact]
    public void FinalStartsANewMessage()
    {
        var sha = new Sha256();
        var digest = new byte[32];
        sha.Update(new byte[] { 1, 2, 3 }, 0, 3);
        sha.Final(digest);
        sha.Update(Encoding.ASCII.GetBytes("abc"), 0, 3);
        sha.Final(digest);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(digest));
    }

    [Fact]
    public void HashingAllocatesNothing()
    {
        var sha = new Sha256();
        var data = new byte[4096];
        var digest = new byte[32];
        sha.Update(data, 0, data.Length);
        sha.Final(digest);
        var before = GC.GetAllocatedBytesForCurrentThread();
        sha.Update(data, 3, 4000);
        sha.Final(digest);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

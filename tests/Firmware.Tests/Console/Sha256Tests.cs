using System.Security.Cryptography;
using ChargeController.Firmware.Console;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>The firmware's SHA-256 (nanoFramework has none) against .NET's, around every padding boundary.</summary>
public class Sha256Tests
{
    [Fact]
    public void MatchesDotNetForEveryLengthUpToThreeBlocks()
    {
        var random = new Random(13);
        var sha = new Sha256();
        var digest = new byte[Sha256.DigestBytes];
        for (var length = 0; length <= 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            sha.Update(data, 0, length);
            sha.Final(digest, 0);
            Assert.Equal(SHA256.HashData(data), digest);
        }
    }

    [Fact]
    public void UpdatesInPiecesAreTheSameAsOne()
    {
        var data = Enumerable.Range(0, 150).Select(i => (byte)i).ToArray();
        var sha = new Sha256();
        var digest = new byte[Sha256.DigestBytes];
        sha.Update(data, 0, 10);
        sha.Update(data, 10, 60);
        sha.Update(data, 70, 80);
        sha.Final(digest, 0);
        Assert.Equal(SHA256.HashData(data), digest);
    }

    [Fact]
    public void TheKnownAnswerForAbc()
    {
        var sha = new Sha256();
        var digest = new byte[Sha256.DigestBytes];
        sha.Update("abc"u8.ToArray(), 0, 3);
        sha.Final(digest, 0);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest));
    }
}

using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace ChargeController.Loader.Tests;

/// <summary>
/// The device's RSA verification against signatures .NET's own RSA makes (RSASSA-PKCS1-v1_5, SHA-256, e = 65537), and
/// against every kind of tampering: one flipped bit anywhere, a wrong padding, a signature at or above the modulus.
/// </summary>
public class RsaSignatureTests
{
    private static readonly RSA Key = MakeKey();
    private static readonly byte[] Modulus = Key.ExportParameters(false).Modulus!;
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("{\"v\":1,\"package\":\"cc-1.4.0\"}");
    private static readonly byte[] Digest = SHA256.HashData(Message);
    private static readonly byte[] Signature = Key.SignData(Message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static RSA MakeKey()
    {
        var rsa = RSA.Create(2048);
        Assert.Equal(new byte[] { 1, 0, 1 }, rsa.ExportParameters(false).Exponent);
        return rsa;
    }

    private static bool Verify(byte[] modulus, byte[] signature, byte[] digest) =>
        new RsaSignature().VerifyPkcs1Sha256(modulus, signature, digest);

    [Fact]
    public void AcceptsSignaturesMadeByDotNet()
    {
        var verifier = new RsaSignature();
        Assert.True(verifier.VerifyPkcs1Sha256(Modulus, Signature, Digest));
        for (var i = 0; i < 5; i++)
        {
            using var other = RSA.Create(2048);
            var message = RandomNumberGenerator.GetBytes(100 + i);
            var signature = other.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.True(verifier.VerifyPkcs1Sha256(other.ExportParameters(false).Modulus!, signature, SHA256.HashData(message)));
        }
    }

    [Fact]
    public void RefusesAFlippedBitInTheSignatureTheDigestOrTheModulus()
    {
        foreach (var (what, original) in new[] { ("signature", Signature), ("digest", Digest), ("modulus", Modulus) })
            for (var bit = 0; bit < original.Length * 8; bit += what == "digest" ? 1 : 13)
            {
                var changed = (byte[])original.Clone();
                changed[bit / 8] ^= (byte)(1 << (bit % 8));
                var ok = what switch
                {
                    "signature" => Verify(Modulus, changed, Digest),
                    "digest" => Verify(Modulus, Signature, changed),
                    _ => Verify(changed, Signature, Digest),
                };
                Assert.False(ok, $"{what} with bit {bit} flipped was accepted");
            }
    }

    [Fact]
    public void RefusesAnotherKeysSignature()
    {
        using var other = RSA.Create(2048);
        Assert.False(Verify(Modulus, other.SignData(Message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Digest));
    }

    /// <summary>Encodings that are right but for one part, each "signed" with the private key by raw exponentiation.</summary>
    [Theory]
    [InlineData("pss")]
    [InlineData("sha1")]
    [InlineData("block type 2")]
    [InlineData("leading byte")]
    [InlineData("padding byte not FF")]
    [InlineData("no zero separator")]
    [InlineData("digest info header")]
    [InlineData("short padding, garbage after the digest")]
    public void RefusesAWrongPadding(string wrong)
    {
        byte[] signature;
        if (wrong == "pss")
            signature = Key.SignData(Message, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        else if (wrong == "sha1")
            signature = Key.SignHash(SHA1.HashData(Message), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        else
        {
            var encoded = Emsa(Digest);
            switch (wrong)
            {
                case "block type 2": encoded[1] = 2; break;
                case "leading byte": encoded[0] = 1; encoded[1] = 0; break; // still below the modulus (top bit set there)
                case "padding byte not FF": encoded[100] = 0xFE; break;
                case "no zero separator": encoded[256 - 32 - 19 - 1] = 0xFF; break;
                case "digest info header": encoded[256 - 32 - 19 + 3] ^= 1; break;
                default:
                    // the digest info and digest moved 4 bytes left (a shorter padding), 4 bytes of garbage after them
                    Array.Copy(encoded, 256 - 51, encoded, 256 - 55, 51);
                    encoded[256 - 56] = 0;
                    encoded[256 - 57] = 0xFF;
                    break;
            }
            signature = RawSign(encoded);
        }
        Assert.True(Verify(Modulus, RawSign(Emsa(Digest)), Digest), "the raw signer itself is right");
        Assert.False(Verify(Modulus, signature, Digest));
    }

    [Fact]
    public void RefusesASignatureAtOrAboveTheModulus()
    {
        // a valid signature plus the modulus is the same number modulo n: a verifier that reduces it would accept it
        var n = new BigInteger(Modulus, isUnsigned: true, isBigEndian: true);
        var (message, s) = Enumerable.Range(0, 1000)
            .Select(i => Encoding.ASCII.GetBytes($"message {i}"))
            .Select(m => (m, s: new BigInteger(Key.SignData(m, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), isUnsigned: true, isBigEndian: true)))
            .First(pair => pair.s + n < BigInteger.One << 2048);
        var digest = SHA256.HashData(message);
        Assert.True(Verify(Modulus, ToBytes(s), digest));
        Assert.False(Verify(Modulus, ToBytes(s + n), digest), "s + n accepted");
        Assert.False(Verify(Modulus, ToBytes(n), digest), "n accepted");
        Assert.False(Verify(Modulus, Enumerable.Repeat((byte)0xFF, 256).ToArray(), digest));
    }

    [Fact]
    public void RefusesModuliThatAreNotOddAnd2048Bits()
    {
        var even = (byte[])Modulus.Clone();
        even[255] &= 0xFE;
        var short2047 = (byte[])Modulus.Clone();
        short2047[0] &= 0x7F;
        Assert.False(Verify(even, Signature, Digest));
        Assert.False(Verify(short2047, Signature, Digest));
        Assert.False(Verify(Modulus.Take(255).ToArray(), Signature, Digest));
        Assert.False(Verify(Modulus, Signature.Take(255).ToArray(), Digest));
        Assert.False(Verify(Modulus, Signature, Digest.Take(31).ToArray()));
        Assert.False(Verify(null!, Signature, Digest));
    }

    [Fact]
    public void OneVerifierVerifiesManyAndAllocatesNothing()
    {
        var verifier = new RsaSignature();
        var zeros = new byte[32];
        Assert.True(verifier.VerifyPkcs1Sha256(Modulus, Signature, Digest));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = verifier.VerifyPkcs1Sha256(Modulus, Signature, Digest);
        var refused = verifier.VerifyPkcs1Sha256(Modulus, Signature, zeros);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(ok);
        Assert.False(refused);
    }

    /// <summary>EMSA-PKCS1-v1_5 of a SHA-256 digest, written out byte by byte from RFC 8017 9.2.</summary>
    private static byte[] Emsa(byte[] digest)
    {
        byte[] info = { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };
        var em = new byte[256];
        em[1] = 1;
        for (var i = 2; i < 256 - 32 - info.Length - 1; i++)
            em[i] = 0xFF;
        info.CopyTo(em, 256 - 32 - info.Length);
        digest.CopyTo(em, 256 - 32);
        return em;
    }

    private static byte[] RawSign(byte[] encoded)
    {
        var p = Key.ExportParameters(true);
        var d = new BigInteger(p.D!, isUnsigned: true, isBigEndian: true);
        var n = new BigInteger(p.Modulus!, isUnsigned: true, isBigEndian: true);
        return ToBytes(BigInteger.ModPow(new BigInteger(encoded, isUnsigned: true, isBigEndian: true), d, n));
    }

    private static byte[] ToBytes(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[256];
        bytes.CopyTo(padded, 256 - bytes.Length);
        return padded;
    }
}

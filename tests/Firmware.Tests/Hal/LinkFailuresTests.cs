using ChargeController.Hal;
using Xunit;

namespace ChargeController.Tests.Hal;

/// <summary>The broker link's failures from M2Mqtt's numbers: what the status message counts as DNS, TLS, auth or other.</summary>
public class LinkFailuresTests
{
    [Theory]
    [InlineData(0, LinkStatus.Ok)]
    [InlineData(1, LinkStatus.Refused)] // unacceptable protocol version
    [InlineData(2, LinkStatus.AuthenticationFailure)] // client id rejected
    [InlineData(3, LinkStatus.Refused)] // server unavailable
    [InlineData(4, LinkStatus.AuthenticationFailure)] // bad user name or password
    [InlineData(5, LinkStatus.AuthenticationFailure)] // not authorised
    [InlineData(0x80, LinkStatus.Refused)]
    public void ConnackCodes(int code, LinkStatus expected) => Assert.Equal(expected, LinkFailures.FromConnack(code));

    [Theory]
    [InlineData(11001, true, LinkStatus.DnsFailure)]
    [InlineData(11002, false, LinkStatus.DnsFailure)]
    [InlineData(11004, true, LinkStatus.DnsFailure)]
    [InlineData(10060, true, LinkStatus.Timeout)]
    [InlineData(10061, true, LinkStatus.NetworkFailure)] // refused
    [InlineData(10065, true, LinkStatus.NetworkFailure)] // host unreachable
    [InlineData(10050, true, LinkStatus.NetworkFailure)] // network down
    [InlineData(10054, false, LinkStatus.NetworkFailure)] // reset
    [InlineData(-1, true, LinkStatus.TlsFailure)] // the handshake failed: no TCP or DNS number
    [InlineData(-9984, true, LinkStatus.TlsFailure)] // an mbedTLS code (X509 verify failed)
    [InlineData(-1, false, LinkStatus.NetworkFailure)] // no TLS on the link: it cannot be a TLS failure
    [InlineData(10066, true, LinkStatus.TlsFailure)]
    public void SocketErrors(int code, bool secure, LinkStatus expected) => Assert.Equal(expected, LinkFailures.FromSocketError(code, secure));
}

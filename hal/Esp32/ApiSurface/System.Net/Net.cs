// Surface of nanoframework/System.Net (members read at v1.11.54, 713b02c9): only what hal/Esp32 uses, signatures as published.
namespace System.Security.Cryptography.X509Certificates
{
    /// <summary>
    /// nanoFramework.System.Net/X509Certificates/X509Certificate.cs. PEM or DER; PEM given as bytes must end with a 0 byte
    /// (mbedTLS parses it as a C string; the library's string constructor appends the terminator itself).
    /// </summary>
    public class X509Certificate
    {
        public X509Certificate(byte[] certificate) => throw null;
    }

    /// <summary>nanoFramework.System.Net/X509Certificates/X509Certificate2.cs: a certificate with its private key.</summary>
    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2(byte[] rawData, byte[] key, string password) : base(rawData) => throw null;
    }
}

namespace System.Net.Sockets
{
    /// <summary>nanoFramework.System.Net/SocketException.cs: ErrorCode carries the lwIP/mbedTLS error as a SocketError number.</summary>
    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) => throw null;
        public int ErrorCode => throw null;
    }

    /// <summary>nanoFramework.System.Net/Sockets/SocketErrors.cs (the values the broker link tells apart).</summary>
    public enum SocketError
    {
        SocketError = -1,
        ConnectionAborted = 10000 + 53,
        ConnectionReset = 10000 + 54,
        NotConnected = 10000 + 57,
        NetworkDown = 10000 + 50,
        NetworkUnreachable = 10000 + 51,
        TimedOut = 10000 + 60,
        ConnectionRefused = 10000 + 61,
        HostDown = 10000 + 64,
        HostUnreachable = 10000 + 65,
        HostNotFound = 10000 + 1001,
        TryAgain = 10000 + 1002,
        NoData = 10000 + 1004,
    }
}

namespace System.Net.NetworkInformation
{
    /// <summary>nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs</summary>
    public class NetworkInterface
    {
        /// <summary>Any interface up with an address (not loopback).</summary>
        public static bool GetIsNetworkAvailable() => throw null;
    }
}

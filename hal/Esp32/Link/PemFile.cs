using System.Security.Cryptography.X509Certificates;
using ChargeController.Hal;

namespace ChargeController.Esp32.Link
{
    /// <summary>
    /// Certificates from PEM files on the pile's drive. mbedTLS parses PEM as a C string, so the bytes handed to
    /// X509Certificate end with a 0 byte (the library's string constructors add it; its byte[] ones do not).
    /// </summary>
    public static class PemFile
    {
        /// <returns>the certificate, or null when <paramref name="name"/> is null or no such file exists</returns>
        public static X509Certificate Certificate(IFileStore files, string name)
        {
            var pem = Read(files, name);
            return pem == null ? null : new X509Certificate(pem);
        }

        /// <returns>the certificate with its private key (an unencrypted PEM key), or null when either file is missing</returns>
        public static X509Certificate CertificateWithKey(IFileStore files, string certificateName, string keyName)
        {
            var certificate = Read(files, certificateName);
            var key = Read(files, keyName);
            return certificate == null || key == null ? null : new X509Certificate2(certificate, key, null);
        }

        private static byte[] Read(IFileStore files, string name)
        {
            if (name == null || !files.Exists(name))
                return null;
            var length = files.Length(name);
            var bytes = new byte[length + 1];
            files.Read(name, 0, bytes, 0, length);
            return bytes;
        }
    }
}

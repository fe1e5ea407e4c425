using System.Collections;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Text;
using ChargeController.Hal;

namespace ChargeController.Firmware.Network
{
    /// <summary>
    /// The pile's identity and network settings that are text, which the configuration (integers only) cannot hold:
    /// <c>provision.txt</c> on the pile's drive, one <c>key=value</c> a line, <c>#</c> starts a comment. Written once per pile
    /// (docs/flashing.md: nanoff's file deployment). Secrets in it are plain text on the flash: whoever holds the board can
    /// read them, so give each pile its own credentials.
    /// </summary>
    public sealed class Provisioning
    {
        public const string FileName = "provision.txt";
        public const int MaxFileBytes = 2048;

        public const string PileId = "pile.id";
        /// <summary>The pile's MQTT topic root; unset: piles/&lt;pile.id&gt;.</summary>
        public const string TopicRoot = "mqtt.topicRoot";
        public const string WifiSsid = "wifi.ssid";
        public const string WifiPassword = "wifi.password";
        public const string BrokerHost = "broker.host";
        public const string BrokerPort = "broker.port";
        public const string BrokerTls = "broker.tls";
        public const string BrokerUsername = "broker.username";
        public const string BrokerPassword = "broker.password";
        public const string CaFile = "broker.caFile";
        public const string ClientCertFile = "broker.clientCertFile";
        public const string ClientKeyFile = "broker.clientKeyFile";

        /// <summary>Every key.</summary>
        public static readonly string[] Keys =
            { PileId, TopicRoot, WifiSsid, WifiPassword, BrokerHost, BrokerPort, BrokerTls, BrokerUsername, BrokerPassword, CaFile, ClientCertFile, ClientKeyFile };

        /// <summary>A key's value, null while neither the file nor a default sets one.</summary>
        private readonly string[] _values = Strings.Filled(new string[Keys.Length]);

        /// <summary>The values the keys have when the file does not set them; the other keys have none.</summary>
        public Provisioning()
        {
            _values[IndexOf(BrokerPort)] = "8883";
            _values[IndexOf(BrokerTls)] = "on";
            _values[IndexOf(CaFile)] = "ca.pem";
        }

        /// <returns>the value, or null when neither the file nor the default sets one</returns>
        public string Get(string key)
        {
            var index = IndexOf(key);
            return index < 0 ? null : _values[index];
        }

        public bool TlsOn => Get(BrokerTls) != "off";

        /// <summary>The broker's port, or 0 when broker.port is not a number from 1 to 65535 (<see cref="Parse"/> says so).</summary>
        public int Port
        {
            get
            {
                int port;
                return int.TryParse(Get(BrokerPort), out port) && port >= 1 && port <= 65535 ? port : 0;
            }
        }

        /// <summary>
        /// The brokers broker.host names, comma-separated in order of preference (the link supervisor fails over between
        /// them): each a host name or address, with :port when it is not broker.port's. Empty without broker.host; only
        /// the entries that are well formed (<see cref="Parse"/> names the others).
        /// </summary>
        public string[] BrokerHosts { get; private set; } = Strings.Filled(new string[0]);
        /// <summary>The port of each of <see cref="BrokerHosts"/>.</summary>
        public int[] BrokerPorts { get; private set; } = new int[0];

        /// <summary>Reads the file when it exists.</summary>
        /// <returns>what was wrong with it, line by line (the rest of the file still applies); empty when nothing was</returns>
        public string[] Load(IFileStore store)
        {
            if (!store.Exists(FileName))
                return new string[0];
            var length = store.Length(FileName);
            if (length > MaxFileBytes)
                return new[] { FileName + " is larger than " + MaxFileBytes.ToString() + " bytes: not read" };
            var bytes = new byte[length];
            store.Read(FileName, 0, bytes, 0, length);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
                chars[i] = (char)bytes[i];
            return Parse(new string(chars));
        }

        /// <returns>what was wrong, one message a bad line; empty when nothing was</returns>
        public string[] Parse(string text)
        {
            var errors = new ArrayList();
            var lines = text.Split('\n');
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n].Trim();
                if (line.Length == 0 || line[0] == '#')
                    continue;
                var equals = line.IndexOf('=');
                var index = equals > 0 ? IndexOf(line.Substring(0, equals).Trim()) : -1;
                if (index < 0)
                {
                    // the line may hold a secret with a misspelt key: only the key is repeated
                    errors.Add(FileName + " line " + (n + 1).ToString() + ": " + (equals > 0 ? "unknown key '" + line.Substring(0, equals).Trim() + "'" : "expected key=value"));
                    continue;
                }
                _values[index] = line.Substring(equals + 1).Trim();
            }
            if (Get(BrokerHost) != null && Get(PileId) == null)
                errors.Add(FileName + ": pile.id is needed to talk to the broker (its topics and client id)");
            if (Port == 0)
                errors.Add(FileName + ": broker.port must be a number from 1 to 65535, not '" + Get(BrokerPort) + "'");
            if (Get(BrokerTls) != "on" && Get(BrokerTls) != "off")
                errors.Add(FileName + ": broker.tls must be on or off, not '" + Get(BrokerTls) + "'");
            ReadBrokers(errors);
            return Strings.Of(errors);
        }

        private void ReadBrokers(ArrayList errors)
        {
            var list = Get(BrokerHost);
            var entries = list == null ? Strings.Filled(new string[0]) : list.Split(',');
            if (entries.Length > BrokerChoice.MaxBrokers)
                errors.Add(FileName + ": broker.host names " + entries.Length.ToString() + " brokers, at most " + BrokerChoice.MaxBrokers.ToString() + " are used");
            var count = entries.Length > BrokerChoice.MaxBrokers ? BrokerChoice.MaxBrokers : entries.Length;
            var hosts = new ArrayList();
            var ports = new int[count];
            for (var i = 0; i < count; i++)
            {
                var entry = entries[i].Trim();
                var colon = entry.IndexOf(':');
                var host = colon < 0 ? entry : entry.Substring(0, colon);
                int port;
                if (colon < 0)
                    port = Port;
                else if (!int.TryParse(entry.Substring(colon + 1), out port) || port < 1 || port > 65535)
                    port = 0;
                if (host.Length == 0 || port == 0)
                {
                    errors.Add(FileName + ": broker.host entry " + (i + 1).ToString() + " must be host or host:port (port 1 to 65535), not '" + entry + "'");
                    continue;
                }
                ports[hosts.Count] = port;
                hosts.Add(host);
            }
            BrokerHosts = Strings.Of(hosts);
            BrokerPorts = new int[hosts.Count];
            System.Array.Copy(ports, BrokerPorts, hosts.Count);
        }

        private static int IndexOf(string key)
        {
            for (var i = 0; i < Keys.Length; i++)
                if (Keys[i] == key)
                    return i;
            return -1;
        }
    }
}

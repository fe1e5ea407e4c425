using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using ChargeController.Hal;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace ChargeController.Esp32.Link
{
    /// <summary>
    /// The broker link on nanoFramework.M2Mqtt (MQTT 3.1.1, TLS 1.2). Every Connect builds a fresh MqttClient and the old
    /// one is closed first, so nothing of a dead connection can stick (the "never reconnects" and reconnect-leak bugs of
    /// other pile firmwares): events from any client but the current one are ignored. No policy here: when and how often to
    /// reconnect is the link supervisor's. Failures are mapped by <see cref="LinkFailures"/>; a lost connection is reported
    /// as <see cref="LinkStatus.NetworkFailure"/> (M2Mqtt's ConnectionClosed says no more). Publishing copies the payload
    /// (the library keeps the array until PUBACK). Listener calls come on M2Mqtt's dispatch thread. The adapter holds the
    /// provisioned list of brokers and builds each client for the one the connect options name
    /// (<see cref="LinkConnectOptions.Broker"/>): which one is the link supervisor's choice.
    /// </summary>
    public sealed class Esp32BrokerLink : IBrokerLink
    {
        private static readonly byte[] NoPayload = new byte[0];

        private readonly string[] _hosts;
        private readonly int[] _ports;
        private readonly bool _secure;
        private readonly X509Certificate _caCert;
        private readonly X509Certificate _clientCert;
        private readonly object _gate = new object();
        private readonly AutoResetEvent _subscribed = new AutoResetEvent(false);
        private ILinkListener _listener;
        private MqttClient _client;
        private bool _clientUp;
        private int _answerTimeoutMs = 10000;
        private int _subackId = -1;
        private bool _subackGranted;

        /// <param name="hosts">the brokers in the order provisioned (the same TLS trust and credentials for all)</param>
        /// <param name="ports">each broker's port</param>
        /// <param name="caCert">the CA the broker's certificate must chain to (TLS only)</param>
        /// <param name="clientCert">the pile's certificate with its private key, or null: then nanoCLR's stored device
        /// certificate is offered if one is deployed (M2Mqtt sets UseStoredDeviceCertificate)</param>
        public Esp32BrokerLink(string[] hosts, int[] ports, bool secure, X509Certificate caCert, X509Certificate clientCert)
        {
            _hosts = hosts;
            _ports = ports;
            _secure = secure;
            _caCert = caCert;
            _clientCert = clientCert;
        }

        public void Listen(ILinkListener listener) => _listener = listener;

        public bool IsConnected
        {
            get
            {
                lock (_gate)
                    return _clientUp && _client.IsConnected;
            }
        }

        public LinkStatus Connect(LinkConnectOptions options)
        {
            Disconnect();
            _answerTimeoutMs = options.ConnectTimeoutMs;
            MqttClient client;
            try
            {
                var broker = options.Broker < _hosts.Length ? options.Broker : 0;
                client = new MqttClient(_hosts[broker], _ports[broker], _secure, _caCert, _clientCert, _secure ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception)
            {
                return LinkStatus.DnsFailure; // the constructor only resolves the broker's name
            }
            client.MqttMsgPublishReceived += OnMessage;
            client.MqttMsgPublished += OnPublished;
            client.MqttMsgSubscribed += OnSubscribed;
            client.ConnectionClosed += OnClosed;
            lock (_gate)
            {
                _client = client;
                _clientUp = false;
            }
            var status = new MqttConnectAttempt(client, options, WillText(options), _secure).Run(options.ConnectTimeoutMs);
            lock (_gate)
            {
                if (status == LinkStatus.Ok && _client == client)
                {
                    _clientUp = true;
                    return LinkStatus.Ok;
                }
                if (_client == client)
                    _client = null;
            }
            client.Dispose();
            return status == LinkStatus.Ok ? LinkStatus.NetworkFailure : status; // Ok here: closed again before it was up
        }

        public LinkStatus Publish(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain, out int messageId)
        {
            messageId = 0;
            var client = Current();
            if (client == null)
                return LinkStatus.NotConnected;
            var message = new byte[count];
            Array.Copy(payload, offset, message, 0, count);
            try
            {
                var id = client.Publish(topic, message, null, null, QosOf(qos), retain);
                if (qos != LinkQos.AtMostOnce)
                    messageId = id;
                return LinkStatus.Ok;
            }
            catch (MqttClientException e)
            {
                if (e.ErrorCode == MqttClientErrorCode.InflightQueueFull)
                    return LinkStatus.Busy;
                throw; // a malformed topic: the caller's bug
            }
            catch (MqttCommunicationException)
            {
                return LinkStatus.NotConnected;
            }
        }

        public LinkStatus Subscribe(string topicFilter, LinkQos qos)
        {
            var client = Current();
            if (client == null)
                return LinkStatus.NotConnected;
            _subscribed.Reset();
            int id;
            try
            {
                id = client.Subscribe(new[] { topicFilter }, new[] { QosOf(qos) });
            }
            catch (MqttCommunicationException)
            {
                return LinkStatus.NotConnected;
            }
            while (_subscribed.WaitOne(_answerTimeoutMs, false))
            {
                lock (_gate)
                {
                    if (_subackId == id)
                        return _subackGranted ? LinkStatus.Ok : LinkStatus.Refused;
                }
            }
            return LinkStatus.Timeout;
        }

        public void Disconnect()
        {
            MqttClient old;
            lock (_gate)
            {
                old = _client;
                _client = null;
                _clientUp = false;
            }
            if (old == null)
                return;
            try
            {
                if (old.IsConnected)
                    old.Disconnect();
            }
            catch (Exception)
            {
                // the connection was already dead: closing it below is all there is to do
            }
            old.Dispose();
        }

        internal static MqttQoSLevel QosOf(LinkQos qos) => qos == LinkQos.AtLeastOnce ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce;

        private MqttClient Current()
        {
            lock (_gate)
                return _clientUp ? _client : null;
        }

        private bool IsCurrent(object sender)
        {
            lock (_gate)
                return _clientUp && sender == _client;
        }

        /// <summary>M2Mqtt takes the will as a string (it writes it back as UTF-8); the pile's payloads are ASCII JSON.</summary>
        private static string WillText(LinkConnectOptions options)
        {
            if (options.WillTopic == null)
                return null;
            var chars = new char[options.WillCount];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = (char)options.WillPayload[i];
            return new string(chars);
        }

        private void OnMessage(object sender, MqttMsgPublishEventArgs e)
        {
            if (IsCurrent(sender) && _listener != null)
            {
                var payload = e.Message ?? NoPayload;
                _listener.MessageReceived(e.Topic, payload, 0, payload.Length);
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            // IsPublished false: no PUBACK after the library's retries; the outbox sends it again after a reconnect
            if (e.IsPublished && IsCurrent(sender) && _listener != null)
                _listener.PublishAcknowledged(e.MessageId);
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            if (!IsCurrent(sender))
                return;
            lock (_gate)
            {
                _subackId = e.MessageId;
                _subackGranted = e.GrantedQoSLevels.Length > 0 && e.GrantedQoSLevels[0] != MqttQoSLevel.GrantedFailure;
            }
            _subscribed.Set();
        }

        private void OnClosed(object sender, EventArgs e)
        {
            lock (_gate)
            {
                if (!_clientUp || sender != _client)
                    return; // an old client, or our own Disconnect
                _client = null;
                _clientUp = false;
            }
            if (_listener != null)
                _listener.ConnectionLost(LinkStatus.NetworkFailure);
        }
    }
}

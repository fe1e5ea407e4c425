using System;
using System.Net.Sockets;
using System.Threading;
using ChargeController.Hal;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;

namespace ChargeController.Esp32.Link
{
    /// <summary>
    /// One MqttClient.Connect on a thread of its own, so the link thread can give up after the connect timeout: the library
    /// has no connect timeout of its own (the TLS handshake waits forever, CONNACK 30 s). The caller closes the client on
    /// any outcome but Ok, which also ends a socket or handshake still in progress; a Connect that succeeds after the caller
    /// gave up closes its client here, so no connection is left open behind the link's back.
    /// </summary>
    internal sealed class MqttConnectAttempt
    {
        private readonly MqttClient _client;
        private readonly LinkConnectOptions _options;
        private readonly string _willMessage;
        private readonly bool _secure;
        private readonly ManualResetEvent _done = new ManualResetEvent(false);
        private readonly object _gate = new object();
        private LinkStatus _status;
        private bool _finished;
        private bool _abandoned;

        public MqttConnectAttempt(MqttClient client, LinkConnectOptions options, string willMessage, bool secure)
        {
            _client = client;
            _options = options;
            _willMessage = willMessage;
            _secure = secure;
        }

        /// <returns>how the connect ended, or <see cref="LinkStatus.Timeout"/> when it had not after <paramref name="timeoutMs"/></returns>
        public LinkStatus Run(int timeoutMs)
        {
            new Thread(Connect).Start();
            _done.WaitOne(timeoutMs, false);
            lock (_gate)
            {
                if (_finished)
                    return _status;
                _abandoned = true;
                return LinkStatus.Timeout;
            }
        }

        private void Connect()
        {
            var status = Attempt();
            bool abandoned;
            lock (_gate)
            {
                _status = status;
                _finished = true;
                abandoned = _abandoned;
            }
            _done.Set();
            if (abandoned && status == LinkStatus.Ok)
                _client.Dispose();
        }

        private LinkStatus Attempt()
        {
            var o = _options;
            try
            {
                var code = _client.Connect(o.ClientId, o.Username, o.Password, o.WillRetain, Esp32BrokerLink.QosOf(o.WillQos), o.WillTopic != null,
                    o.WillTopic, _willMessage, o.CleanSession, (ushort)o.KeepAliveS);
                return LinkFailures.FromConnack((int)code);
            }
            catch (MqttConnectionException e)
            {
                var socket = e.InnerException as SocketException;
                if (socket != null)
                    return LinkFailures.FromSocketError(socket.ErrorCode, _secure);
                return _secure ? LinkStatus.TlsFailure : LinkStatus.NetworkFailure;
            }
            catch (MqttCommunicationException e)
            {
                // without an inner exception: no CONNACK within the library's wait; with one: the connection broke meanwhile
                return e.InnerException == null ? LinkStatus.Timeout : LinkStatus.NetworkFailure;
            }
            catch (Exception)
            {
                return LinkStatus.NetworkFailure; // the caller closed the client under us (timeout), or the socket died
            }
        }
    }
}

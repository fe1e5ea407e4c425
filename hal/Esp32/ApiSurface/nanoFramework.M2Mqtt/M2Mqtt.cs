// Surface of nanoframework/nanoFramework.m2mqtt v5.1.220 (82087872), assembly nanoFramework.M2Mqtt: only the members
// hal/Esp32 uses, signatures as published.
using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    /// <summary>
    /// M2Mqtt/MqttClient.cs. The constructor resolves the broker's name (Dns.GetHostEntry in MqttNetworkChannel's
    /// constructor): a DNS failure throws there, as System.Net.Sockets.SocketException. Connect opens the socket and the TLS
    /// session (failures: MqttConnectionException around the SocketException), then waits up to 30 s for CONNACK
    /// (MqttSettings.DefaultTimeout, not settable). Disconnect and a lost connection both end in ConnectionClosed.
    /// </summary>
    public class MqttClient : IMqttClient, IDisposable
    {
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) => throw null;

        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;
        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;

        public bool IsConnected => throw null;

        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag,
            string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod) => throw null;

        public void Disconnect() => throw null;
        public void Close() => throw null;
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels) => throw null;

        /// <summary>Queues the message; throws MqttClientException (InflightQueueFull) when the in-flight queue is full.</summary>
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain) => throw null;

        public void Dispose() => throw null;
    }
}

namespace nanoFramework.M2Mqtt.Exceptions
{
    /// <summary>M2Mqtt/Exceptions/MqttConnectionException.cs: the socket or TLS failure is the InnerException.</summary>
    public class MqttConnectionException : Exception
    {
        public MqttConnectionException(string message, Exception innerException) => throw null;
    }

    /// <summary>M2Mqtt/Exceptions/MqttCommunicationException.cs: no answer in time (CONNACK), or the connection broke.</summary>
    public class MqttCommunicationException : Exception
    {
        public MqttCommunicationException() => throw null;
    }

    /// <summary>M2Mqtt/Exceptions/MqttClientException.cs</summary>
    public class MqttClientException : Exception
    {
        public MqttClientException(MqttClientErrorCode errorCode) => throw null;
        public MqttClientErrorCode ErrorCode { get => throw null; set => throw null; }
    }

    /// <summary>M2Mqtt/Exceptions/MqttClientException.cs (same file): only the code the link tells apart, value as published.</summary>
    public enum MqttClientErrorCode
    {
        InflightQueueFull = 11,
    }
}

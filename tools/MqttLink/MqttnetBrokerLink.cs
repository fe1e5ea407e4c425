using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ChargeController.Hal;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace ChargeController.MqttLink;

/// <summary>
/// The broker link port on MQTTnet, over MQTT 5, so that a publish the broker refuses (its ACL: PUBACK reason code 0x87)
/// is told apart from one it accepted: MQTT 3.1.1 acknowledges both alike. Each connect builds a fresh client, so no state
/// of an earlier connection can stick. Calls block the caller (the link thread) for at most the connect timeout;
/// acknowledgements, received messages and a lost connection reach the listener on MQTTnet's threads, one call at a
/// time (like M2Mqtt's one dispatch thread on the device), so a listener that hands over into a single-producer ring is
/// never entered twice at once. It may know several brokers (the pile's list): each connect goes to the one its options
/// name (<see cref="LinkConnectOptions.Broker"/>), which the link supervisor chooses.
/// </summary>
public sealed class MqttnetBrokerLink : IBrokerLink, IDisposable
{
    public const int MaxInFlight = 16;
    /// <summary>MQTT 5: PUBACK reason codes from here on are refusals.</summary>
    private const int RefusedFrom = 0x80;

    private readonly BrokerEndpoint[] _endpoints;
    private readonly object _gate = new();
    private readonly object _dispatch = new();
    private ILinkListener? _listener;
    private IMqttClient? _client;
    private int _timeoutMs = 10_000;
    private int _inFlight;
    private int _nextMessageId;

    /// <param name="endpoints">the brokers in the pile's order of preference, at least one</param>
    public MqttnetBrokerLink(params BrokerEndpoint[] endpoints)
    {
        if (endpoints.Length == 0)
            throw new ArgumentException("a broker link needs a broker", nameof(endpoints));
        _endpoints = endpoints;
    }

    public bool IsConnected => _client?.IsConnected == true;

    public void Listen(ILinkListener listener) => _listener = listener;

    public LinkStatus Connect(LinkConnectOptions options)
    {
        Close();
        _timeoutMs = options.ConnectTimeoutMs;
        var client = new MqttClientFactory().CreateMqttClient();
        client.DisconnectedAsync += e => Disconnected(client, e);
        client.ApplicationMessageReceivedAsync += Received;
        try
        {
            using var timeout = new CancellationTokenSource(options.ConnectTimeoutMs);
            var result = client.ConnectAsync(Options(options), timeout.Token).GetAwaiter().GetResult();
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                client.Dispose();
                return StatusOf(result.ResultCode);
            }
        }
        catch (Exception e)
        {
            client.Dispose();
            return StatusOf(e);
        }
        lock (_gate)
        {
            _client = client;
            _inFlight = 0;
        }
        return LinkStatus.Ok;
    }

    public LinkStatus Publish(string topic, byte[] payload, int offset, int count, LinkQos qos, bool retain, out int messageId)
    {
        messageId = 0;
        var client = _client;
        if (client == null || !client.IsConnected)
            return LinkStatus.NotConnected;
        var atLeastOnce = qos == LinkQos.AtLeastOnce;
        lock (_gate)
        {
            if (atLeastOnce && _inFlight == MaxInFlight)
                return LinkStatus.Busy;
            if (atLeastOnce)
            {
                _inFlight++;
                _nextMessageId = _nextMessageId % 65535 + 1;
                messageId = _nextMessageId;
            }
        }
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload.AsSpan(offset, count).ToArray())
            .WithQualityOfServiceLevel(atLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(retain).Build();
        var id = messageId;
        client.PublishAsync(message).ContinueWith(done =>
        {
            if (!atLeastOnce)
                return;
            lock (_gate)
                if (_client == client)
                    _inFlight--;
            // A publish that failed (the connection went) is not acknowledged: the outbox sends it again after reconnecting.
            if (!done.IsCompletedSuccessfully)
                return;
            // MQTT 5: a reason code under 0x80 accepts (0x10: no subscriber yet), one from 0x80 refuses.
            var reason = (int)done.Result.ReasonCode;
            lock (_dispatch)
                if (reason < RefusedFrom)
                    _listener?.PublishAcknowledged(id);
                else
                    _listener?.PublishRefused(id, reason);
        }, TaskScheduler.Default);
        return LinkStatus.Ok;
    }

    public LinkStatus Subscribe(string topicFilter, LinkQos qos)
    {
        var client = _client;
        if (client == null || !client.IsConnected)
            return LinkStatus.NotConnected;
        try
        {
            using var timeout = new CancellationTokenSource(_timeoutMs);
            var options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topicFilter, qos == LinkQos.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .Build();
            var result = client.SubscribeAsync(options, timeout.Token).GetAwaiter().GetResult();
            var granted = result.Items.All(i => (int)i.ResultCode <= (int)MqttClientSubscribeResultCode.GrantedQoS2);
            return granted ? LinkStatus.Ok : LinkStatus.Refused;
        }
        catch (Exception e)
        {
            return StatusOf(e);
        }
    }

    public void Disconnect() => Close();

    public void Dispose() => Close();

    private void Close()
    {
        IMqttClient? client;
        lock (_gate)
        {
            client = _client;
            _client = null; // from here on its disconnection is ours, not a lost connection
        }
        if (client == null)
            return;
        try
        {
            using var timeout = new CancellationTokenSource(_timeoutMs);
            if (client.IsConnected)
                client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // the connection is going away either way
        }
        client.Dispose();
    }

    private Task Disconnected(IMqttClient client, MqttClientDisconnectedEventArgs e)
    {
        bool ours;
        lock (_gate)
        {
            ours = _client == client;
            if (ours)
                _client = null;
        }
        if (ours && e.ClientWasConnected)
            lock (_dispatch)
                _listener?.ConnectionLost(e.Exception == null ? LinkStatus.NetworkFailure : StatusOf(e.Exception));
        return Task.CompletedTask;
    }

    private Task Received(MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = e.ApplicationMessage.Payload.ToArray();
        lock (_dispatch)
            _listener?.MessageReceived(e.ApplicationMessage.Topic, payload, 0, payload.Length);
        return Task.CompletedTask;
    }

    private MqttClientOptions Options(LinkConnectOptions o)
    {
        var endpoint = _endpoints[o.Broker < _endpoints.Length ? o.Broker : 0];
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithProtocolVersion(endpoint.Mqtt311 ? MQTTnet.Formatter.MqttProtocolVersion.V311 : MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(o.ClientId)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(o.KeepAliveS))
            .WithCleanSession(o.CleanSession)
            .WithTimeout(TimeSpan.FromMilliseconds(o.ConnectTimeoutMs));
        if (o.Username != null)
            builder.WithCredentials(o.Username, o.Password);
        if (o.WillTopic != null)
        {
            builder.WithWillTopic(o.WillTopic).WithWillPayload(o.WillPayload.AsSpan(0, o.WillCount).ToArray())
                .WithWillQualityOfServiceLevel(o.WillQos == LinkQos.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .WithWillRetain(o.WillRetain);
        }
        if (endpoint.Tls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls().WithSslProtocols(SslProtocols.Tls12).WithTargetHost(endpoint.ServerName ?? endpoint.Host)
                    .WithTrustChain(new X509Certificate2Collection(endpoint.TrustedCa!));
                if (endpoint.ClientCertificate != null)
                    tls.WithClientCertificates(new X509Certificate2Collection(endpoint.ClientCertificate));
            });
        }
        return builder.Build();
    }

    private static LinkStatus StatusOf(MqttClientConnectResultCode code) => code switch
    {
        MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized or
            MqttClientConnectResultCode.ClientIdentifierNotValid or MqttClientConnectResultCode.BadAuthenticationMethod => LinkStatus.AuthenticationFailure,
        _ => LinkStatus.Refused,
    };

    /// <summary>Why a call failed, from the exception and its inner exceptions.</summary>
    private static LinkStatus StatusOf(Exception e)
    {
        for (var inner = e; inner != null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case MqttConnectingFailedException refused:
                    // MQTTnet 5 names the CONNACK code only in the message
                    return refused.Message.Contains(nameof(MqttClientConnectResultCode.BadUserNameOrPassword)) ||
                        refused.Message.Contains(nameof(MqttClientConnectResultCode.NotAuthorized)) ? LinkStatus.AuthenticationFailure : LinkStatus.Refused;
                case AuthenticationException:
                    return LinkStatus.TlsFailure;
                case SocketException socket when socket.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData:
                    return LinkStatus.DnsFailure;
                case OperationCanceledException or MqttCommunicationTimedOutException or TimeoutException:
                    return LinkStatus.Timeout;
            }
        }
        return LinkStatus.NetworkFailure;
    }
}

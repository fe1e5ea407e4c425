// Surface of nanoframework/nanoFramework.m2mqtt v5.1.220 (82087872), assembly nanoFramework.M2Mqtt.Core: only the members
// hal/Esp32 uses, signatures as published.
using System;

namespace nanoFramework.M2Mqtt
{
    /// <summary>
    /// nanoFramework.M2Mqtt.Core/IMqttClient.cs: only its nested delegate types, which type MqttClient's events (the
    /// interface's members are not called through the interface).
    /// </summary>
    public interface IMqttClient
    {
        public delegate void MqttMsgPublishEventHandler(object sender, Messages.MqttMsgPublishEventArgs e);
        public delegate void MqttMsgPublishedEventHandler(object sender, Messages.MqttMsgPublishedEventArgs e);
        public delegate void MqttMsgSubscribedEventHandler(object sender, Messages.MqttMsgSubscribedEventArgs e);
        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);
    }

    /// <summary>nanoFramework.M2Mqtt.Core/MqttSslProtocols.cs</summary>
    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
        TLSv1_3,
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>nanoFramework.M2Mqtt.Core/Messages/MqttQoSLevel.cs</summary>
    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
        GrantedFailure = 0x80,
    }

    /// <summary>
    /// nanoFramework.M2Mqtt.Core/Messages/MqttReasonCode.cs: the CONNACK answers of MQTT 3.1.1 (the protocol M2Mqtt uses
    /// by default) and Success; the MQTT 5 codes are left out.
    /// </summary>
    public enum MqttReasonCode
    {
        Success = 0x00,
        ConnectionRefusedUnacceptableProtocolVersion = 0x01,
        ConnectionRefusedIdentifierRejected = 0x02,
        ConnectionRefusedServerUnavailable = 0x03,
        ConnectionRefusedBadUserNameOrPassword = 0x04,
        ConnectionRefusedNotAuthorized = 0x05,
    }

    /// <summary>nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs</summary>
    public class MqttMsgPublishEventArgs : EventArgs
    {
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain) => throw null;
        public string Topic => throw null;
        public byte[] Message => throw null;
    }

    /// <summary>nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishedEventArgs.cs: IsPublished false when no PUBACK came after the retries.</summary>
    public class MqttMsgPublishedEventArgs : EventArgs
    {
        public MqttMsgPublishedEventArgs(ushort messageId, bool isPublished) => throw null;
        public ushort MessageId { get => throw null; set => throw null; }
        public bool IsPublished { get => throw null; set => throw null; }
    }

    /// <summary>nanoFramework.M2Mqtt.Core/Messages/MqttMsgSubscribedEventArgs.cs</summary>
    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        public MqttMsgSubscribedEventArgs(ushort messageId, MqttQoSLevel[] grantedQosLevels) => throw null;
        public ushort MessageId => throw null;
        public MqttQoSLevel[] GrantedQoSLevels => throw null;
    }
}

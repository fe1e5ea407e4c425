namespace ChargeController.Firmware.Telemetry
{
    /// <summary>
    /// The pile's topics under its root (`mqtt.topicRoot`, by default piles/&lt;pileId&gt;), built once at start-up so
    /// that publishing never builds a string. Names and QoS are those of docs/asyncapi.yaml.
    /// </summary>
    public sealed class PlatformTopics
    {
        public PlatformTopics(string root)
        {
            Root = root;
            Status = root + "/status";
            Telemetry = root + "/telemetry";
            Events = root + "/events";
            Commands = root + "/cmd";
            CommandResults = root + "/cmd/result";
            UpdateRequests = root + "/update/get";
            UpdateData = root + "/update/data";
            Echo = root + "/echo";
        }

        public static string DefaultRoot(string pileId) => "piles/" + pileId;

        public string Root { get; }
        /// <summary>Retained, QoS 1: status messages, and the last will.</summary>
        public string Status { get; }
        /// <summary>QoS 0, not retained.</summary>
        public string Telemetry { get; }
        /// <summary>QoS 1, not retained, from the outbox.</summary>
        public string Events { get; }
        /// <summary>The pile subscribes here (QoS 1) for the platform's commands (issue 12).</summary>
        public string Commands { get; }
        public string CommandResults { get; }
        /// <summary>QoS 0: the pile's chunk requests of a firmware update (docs/mqtt-api.md, Updates).</summary>
        public string UpdateRequests { get; }
        /// <summary>The pile subscribes here (QoS 1) for the platform's binary chunk answers.</summary>
        public string UpdateData { get; }
        /// <summary>The pile subscribes here (QoS 0) and publishes its delivery probe to itself (docs/mqtt-api.md, Delivery).</summary>
        public string Echo { get; }
    }
}

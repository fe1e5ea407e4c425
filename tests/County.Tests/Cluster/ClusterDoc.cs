using System.Text.RegularExpressions;
using ChargeController.MqttLink.Tests;

namespace ChargeController.County.Tests.Cluster;

/// <summary>docs/deployment.md's RabbitMQ cluster as the page shows it: its rabbitmq.conf and the piles' topic ACL.</summary>
public static class ClusterDoc
{
    public static string RabbitConf() => DeploymentDoc.FileNamed("rabbitmq.conf", "rabbitmq");

    private static readonly Match TopicPermissions = Regex.Match(
        string.Join("\n", DeploymentDoc.CommandsNamed("rabbitmq pile")), @"set_topic_permissions -p / cc-0001 amq\.topic '([^']+)' '([^']+)'");

    private static readonly Match Policy = Regex.Match(
        string.Join("\n", DeploymentDoc.CommandsNamed("rabbitmq cluster")), @"set_policy (\S+) '([^']+)' '([^']+)' --apply-to queues");

    public static string MirrorPolicyName => Matched(Policy, 1, "set_policy");
    public static string MirrorPolicyPattern => Matched(Policy, 2, "set_policy");
    public static string MirrorPolicyDefinition => Matched(Policy, 3, "set_policy");

    /// <summary>The routing keys a pile may publish to, with {username} standing for its user name.</summary>
    public static string PileTopicWrite => Matched(TopicPermissions, 1, "set_topic_permissions");
    /// <summary>The routing keys a pile may read.</summary>
    public static string PileTopicRead => Matched(TopicPermissions, 2, "set_topic_permissions");

    private static string Matched(Match match, int group, string command) => match.Success ? match.Groups[group].Value
        : throw new InvalidOperationException("docs/deployment.md's RabbitMQ commands have no " + command + " line as the tests expect");
}

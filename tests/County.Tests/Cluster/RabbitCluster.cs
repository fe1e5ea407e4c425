using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChargeController.MqttLink.Tests;
using ChargeController.TestSupport;

namespace ChargeController.County.Tests.Cluster;

/// <summary>
/// A province's broker on this one machine: a 3-node RabbitMQ cluster (Debian's rabbitmq-server 3.10) with its MQTT
/// plugin, as docs/deployment.md (A province on a RabbitMQ cluster) configures it: the nodes find each other from the
/// configuration (classic peer discovery), the platform's persistent MQTT subscriptions are quorum queues replicated on
/// all three, every pile and the platform log in with their own password, and each pile may publish only under its own
/// topics and read only its own commands. Nodes have distinct names, ports, data and Erlang port mapper; all under a
/// temporary folder removed on dispose.
/// </summary>
public sealed class RabbitCluster : IDisposable
{
    public const string Platform = "platform";
    /// <summary>Longest wait for a node to start and join: a node took over 120 s on this 2-core machine at a load average of 35.</summary>
    public const int StartWaitMs = 300_000;

    private readonly string _ctl;
    private readonly Dictionary<string, string> _environment;

    /// <param name="piles">the piles' accounts (user name = pile id = client id), with their rights</param>
    public RabbitCluster(IReadOnlyList<string> piles, int nodes = 3)
    {
        // the server itself, not /usr/sbin's wrapper, which would run it as the rabbitmq user without this environment
        var server = RequiredProgram.Find("rabbitmq-server", "rabbitmq-server", "/usr/lib/rabbitmq/bin");
        _ctl = RequiredProgram.Find("rabbitmqctl", "rabbitmq-server", "/usr/lib/rabbitmq/bin");
        Folder = Directory.CreateTempSubdirectory("cc-rabbit-").FullName;
        var cookie = Path.Combine(Folder, ".erlang.cookie");
        File.WriteAllText(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead); // Erlang refuses a cookie others can read
        File.WriteAllText(Path.Combine(Folder, "enabled_plugins"), "[rabbitmq_mqtt].\n");
        File.WriteAllText(Path.Combine(Folder, "definitions.json"), Definitions(piles));
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = Folder, // the Erlang cookie every node and rabbitmqctl share
            ["ERL_EPMD_PORT"] = MqttLink.LoopbackPort.Free().ToString(), // a port mapper of the cluster's own
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Folder, "enabled_plugins"),
            ["RABBITMQ_LOGS"] = "-",
        };
        var names = Enumerable.Range(1, nodes).Select(n => $"cc{n}@localhost").ToList();
        for (var n = 0; n < nodes; n++)
        {
            var mqtt = MqttLink.LoopbackPort.Free();
            var conf = Path.Combine(Folder, $"node{n + 1}.conf");
            File.WriteAllText(conf, Configuration(mqtt, names));
            var environment = new Dictionary<string, string>(_environment)
            {
                ["RABBITMQ_NODENAME"] = names[n],
                ["RABBITMQ_NODE_PORT"] = MqttLink.LoopbackPort.Free().ToString(),
                ["RABBITMQ_DIST_PORT"] = MqttLink.LoopbackPort.Free().ToString(),
                ["RABBITMQ_CONFIG_FILE"] = conf,
                ["RABBITMQ_MNESIA_BASE"] = Directory.CreateDirectory(Path.Combine(Folder, "mnesia")).FullName,
                ["RABBITMQ_LOG_BASE"] = Directory.CreateDirectory(Path.Combine(Folder, "log")).FullName,
                ["RABBITMQ_PID_FILE"] = Path.Combine(Folder, $"node{n + 1}.pid"),
            };
            Nodes.Add(new RabbitNode(server, names[n], mqtt, environment));
        }
        var started = Stopwatch.StartNew();
        try
        {
            // the first alone: nodes started together race to create the cluster's tables and may wait on each other for minutes
            Nodes[0].Start();
            AwaitRunning(Nodes[0]);
            foreach (var node in Nodes.Skip(1))
                node.Start();
            foreach (var node in Nodes.Skip(1))
                AwaitRunning(node);
            AwaitClustered(nodes);
        }
        catch
        {
            Dispose(); // no node may outlive a cluster that failed to start
            throw;
        }
        StartedInMs = started.ElapsedMilliseconds;
    }

    public string Folder { get; }
    public List<RabbitNode> Nodes { get; } = new();
    /// <summary>How long the cluster took to start and form, in real time.</summary>
    public long StartedInMs { get; }

    public static string PasswordOf(string user) => "pw-" + user;

    /// <summary>Starts a killed node again on its data and waits until it is back in the cluster.</summary>
    public long Restart(RabbitNode node)
    {
        var started = Stopwatch.StartNew();
        node.Start();
        AwaitRunning(node);
        AwaitClustered(Nodes.Count);
        return started.ElapsedMilliseconds;
    }

    /// <summary>rabbitmqctl against <paramref name="node"/>: its output, or an exception with it when it fails.</summary>
    public string Ctl(RabbitNode node, params string[] arguments)
    {
        var start = new ProcessStartInfo(_ctl, new[] { "-n", node.Name }.Concat(arguments))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} on {node.Name}: {errors}{output.Result}");
        return output.Result;
    }

    public void Dispose()
    {
        foreach (var node in Nodes)
            node.Dispose();
        try
        {
            // the cluster's own Erlang port mapper, started by the first node
            using var kill = Process.Start(new ProcessStartInfo("epmd", new[] { "-kill" }) { UseShellExecute = false, Environment = { ["ERL_EPMD_PORT"] = _environment["ERL_EPMD_PORT"] } });
            kill?.WaitForExit(5000);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // no epmd on the path: nothing of ours to stop
        }
        Directory.Delete(Folder, true);
    }

    private void AwaitRunning(RabbitNode node)
    {
        var waited = Stopwatch.StartNew();
        while (!Answers(node.MqttPort))
        {
            if (!node.Running)
                throw new InvalidOperationException($"{node.Name} stopped while starting:\n{node.Log}");
            if (waited.ElapsedMilliseconds > StartWaitMs)
                throw new TimeoutException($"{node.Name} did not open its MQTT port within {StartWaitMs / 1000} s:\n{node.Log}");
            Thread.Sleep(250);
        }
    }

    private void AwaitClustered(int nodes)
    {
        var waited = Stopwatch.StartNew();
        var running = Nodes.First(n => n.Running);
        while (true)
        {
            string status;
            try
            {
                status = JsonDocument.Parse(Ctl(running, "cluster_status", "--formatter", "json")).RootElement.GetProperty("running_nodes").ToString();
            }
            catch (InvalidOperationException e)
            {
                status = e.Message; // a node just started, on a loaded machine, may not answer the CLI yet: ask again
            }
            if (status.StartsWith('[') && JsonDocument.Parse(status).RootElement.GetArrayLength() == nodes)
                return;
            if (waited.ElapsedMilliseconds > StartWaitMs)
                throw new TimeoutException($"the cluster did not form: {status}");
            Thread.Sleep(500);
        }
    }

    private static bool Answers(int port)
    {
        using var probe = new TcpClient();
        try
        {
            probe.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// The configuration of docs/deployment.md's RabbitMQ cluster (its rabbitmq.conf block) with this node's MQTT port and
    /// the cluster's node names; the definitions file the test writes.
    /// </summary>
    private string Configuration(int mqttPort, IReadOnlyList<string> names)
    {
        var conf = new StringBuilder(ClusterDoc.RabbitConf());
        conf.Replace("mqtt.listeners.tcp.default = 1883", "mqtt.listeners.tcp.default = 127.0.0.1:" + mqttPort);
        conf.Replace("load_definitions = /etc/rabbitmq/definitions.json", "load_definitions = " + Path.Combine(Folder, "definitions.json"));
        foreach (var line in ClusterDoc.RabbitConf().Split('\n').Where(l => l.StartsWith("cluster_formation.classic_config.nodes.")))
            conf.Replace(line + "\n", "");
        for (var n = 0; n < names.Count; n++)
            conf.Append($"cluster_formation.classic_config.nodes.{n + 1} = {names[n]}\n");
        return conf.ToString();
    }

    /// <summary>Users with RabbitMQ's salted SHA-256 password hashes, their rights, and the piles' topic ACL.</summary>
    private static string Definitions(IReadOnlyList<string> piles)
    {
        var users = piles.Append(Platform).Select(u => new { name = u, password_hash = Hash(PasswordOf(u)),
            hashing_algorithm = "rabbit_password_hashing_sha256", tags = u == Platform ? "administrator" : "" });
        // as docs/deployment.md's commands set them: a pile configures only its own subscription queue
        var permissions = piles.Select(u => new { user = u, vhost = "/", configure = "^mqtt-subscription-" + u, write = ".*", read = ".*" })
            .Append(new { user = Platform, vhost = "/", configure = ".*", write = ".*", read = ".*" });
        var topics = piles.Select(u => new { user = u, vhost = "/", exchange = "amq.topic",
            write = ClusterDoc.PileTopicWrite, read = ClusterDoc.PileTopicRead });
        // docs/deployment.md's policy: the piles' own (clean session) subscription queues are classic, mirrored on every node
        var policies = new[]
        {
            new Dictionary<string, object>
            {
                ["vhost"] = "/", ["name"] = ClusterDoc.MirrorPolicyName, ["pattern"] = ClusterDoc.MirrorPolicyPattern, ["apply-to"] = "queues",
                ["priority"] = 0, ["definition"] = JsonDocument.Parse(ClusterDoc.MirrorPolicyDefinition).RootElement,
            },
        };
        return JsonSerializer.Serialize(new { users, vhosts = new[] { new { name = "/" } }, permissions, topic_permissions = topics, policies });
    }

    /// <summary>rabbit_password_hashing_sha256: base64 of a 4-byte salt followed by SHA-256(salt, password).</summary>
    private static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData(salt.Concat(Encoding.UTF8.GetBytes(password)).ToArray());
        return Convert.ToBase64String(salt.Concat(hash).ToArray());
    }
}

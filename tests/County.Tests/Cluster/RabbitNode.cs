using System.Diagnostics;
using System.Text;
using ChargeController.MqttLink.Tests;

namespace ChargeController.County.Tests.Cluster;

/// <summary>
/// One RabbitMQ node of <see cref="RabbitCluster"/>: Debian's rabbitmq-server run in the foreground by the test, as root
/// or not, with its own node name, ports, data directory and configuration under the cluster's folder. Killed (SIGKILL:
/// a crashed machine, nothing saved or said) and started again on the same data.
/// </summary>
public sealed class RabbitNode : IDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public RabbitNode(string server, string name, int mqttPort, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        MqttPort = mqttPort;
        _start = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
            _start.Environment[key] = value;
    }

    /// <summary>The Erlang node name, e.g. cc1@localhost.</summary>
    public string Name { get; }
    public int MqttPort { get; }
    public bool Running => _process is { HasExited: false };

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public void Start() => _process = LoggedProcess.Start(_start, _log);

    /// <summary>The node's machine dies: every process of it gets SIGKILL, its connections reset.</summary>
    public void Kill()
    {
        if (_process == null)
            return;
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();
}

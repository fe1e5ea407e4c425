using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ChargeController.TestSupport;
using Xunit;

namespace ChargeController.MqttLink.Tests;

/// <summary>
/// A real mosquitto on free loopback ports, configured as docs/deployment.md configures a county's broker (its files
/// read from the page): per-pile passwords and an ACL by which a pile publishes only under its own root and reads only
/// its own command topic; a plain listener for the platform and a TLS 1.2 listener with a server certificate from a CA
/// made by the test; persistence. Stopped (its process killed) on dispose.
/// </summary>
public sealed class Mosquitto : IDisposable
{
    public const string Platform = "platform";
    public static readonly string[] Piles = { "cc-0001", "cc-0002", "cc-0003", "cc-0004", "cc-0005" };

    private readonly ProcessStartInfo _start;
    private Process _process;
    private readonly StringBuilder _log = new();

    private readonly IReadOnlyList<string> _piles;

    public Mosquitto() : this(Piles)
    {
    }

    /// <param name="piles">the piles that get an account (password <see cref="PasswordOf"/>)</param>
    public Mosquitto(IReadOnlyList<string> piles)
    {
        _piles = piles;
        var binary = RequiredProgram.Find("mosquitto", "mosquitto");
        RequiredProgram.Find("mosquitto_passwd", "mosquitto");
        // mosquitto buffers its log when it goes to a pipe: line by line, a test can read what happened as it happens
        var lineBuffered = RequiredProgram.Find("stdbuf", "coreutils");
        Folder = Directory.CreateTempSubdirectory("cc-mosquitto-").FullName;
        // mosquitto started as root drops to its own user: it must be able to read what the test writes
        ReadableByAll(Folder, "755");
        Certificates = new TestCertificates("127.0.0.1");
        MakeTheBrokerFilesAsDocumented();
        Port = LoopbackPort.Free();
        TlsPort = LoopbackPort.Free();
        // the county's configuration as documented; here, the files are in the test's folder and the ports free ones
        var conf = DeploymentDoc.FileNamed("county.conf");
        conf = DeploymentDoc.Replace(conf, "/etc/mosquitto/", Folder + "/");
        conf = DeploymentDoc.Replace(conf, "/var/lib/mosquitto/", Directory.CreateDirectory(Path.Combine(Folder, "data")).FullName + "/");
        conf = DeploymentDoc.Replace(conf, "listener 1883 127.0.0.1\n", "listener " + Port + " 127.0.0.1\n");
        conf = DeploymentDoc.Replace(conf, "listener 8883\n", "listener " + TlsPort + " 127.0.0.1\n");
        conf = DeploymentDoc.Replace(conf, "log_dest syslog\n", "log_dest stdout\nlog_type all\n");
        ReadableByAll(Path.Combine(Folder, "data"), "777"); // mosquitto writes its database there
        Write("mosquitto.conf", conf);
        _start = new ProcessStartInfo(lineBuffered, new[] { "-oL", binary, "-c", Path.Combine(Folder, "mosquitto.conf") })
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Started();
    }

    /// <summary>Stops mosquitto as systemd does (SIGTERM: it saves its database) and starts it again on the same ports.</summary>
    public void Restart()
    {
        Stop();
        _process.Dispose();
        _process = Started();
    }

    /// <summary>Stops mosquitto as systemd does (SIGTERM: it saves its database and closes its connections).</summary>
    public void Stop()
    {
        using (var terminate = Process.Start("kill", new[] { "-TERM", _process.Id.ToString() }))
            terminate.WaitForExit();
        if (!_process.WaitForExit(10_000))
            throw new InvalidOperationException("mosquitto did not stop on SIGTERM:\n" + Log);
    }

    private Process Started()
    {
        var process = LoggedProcess.Start(_start, _log);
        _process = process;
        WaitForListener(Port);
        WaitForListener(TlsPort);
        return process;
    }

    public string Folder { get; }
    public int Port { get; }
    public int TlsPort { get; }
    public TestCertificates Certificates { get; }

    /// <summary>What mosquitto logged so far, for failure messages.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static string PasswordOf(string user) => "pw-" + user;

    /// <summary>How many lines mosquitto logged so far that match <paramref name="pattern"/>.</summary>
    public int Logged(string pattern) => Regex.Matches(Log, pattern, RegexOptions.Multiline).Count;

    /// <summary>Whether mosquitto logs more than <paramref name="before"/> lines matching <paramref name="pattern"/> within <paramref name="waitMs"/>.</summary>
    public bool Logs(string pattern, int before = 0, int waitMs = Heard.WaitMs)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(waitMs);
        while (Logged(pattern) <= before)
        {
            if (DateTime.UtcNow > deadline)
                return false;
            Thread.Sleep(20);
        }
        return true;
    }

    /// <summary>Fails the calling test, naming the command that installs it, when mosquitto is missing.</summary>
    public static void RequireInstalled()
    {
        RequiredProgram.Find("mosquitto", "mosquitto");
        RequiredProgram.Find("mosquitto_passwd", "mosquitto");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        Directory.Delete(Folder, true);
    }

    private void Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        ReadableByAll(path, "644");
    }

    private static void ReadableByAll(string path, string octalMode)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octalMode, 8));
    }

    /// <summary>
    /// The TLS files, the ACL and the accounts made by docs/deployment.md's own commands, run in the test's folder (which
    /// stands for /etc/mosquitto) with the tests' secrets. A test that does not run as root cannot give files to root
    /// and the group mosquitto: then the owners are left out (mosquitto then runs as the test's user and reads them).
    /// The reload after each pile is left out too: the broker starts only once every account is in the file.
    /// </summary>
    private void MakeTheBrokerFilesAsDocumented()
    {
        var staging = Directory.CreateDirectory(Path.Combine(Folder, "from-the-ca")).FullName;
        File.WriteAllText(Path.Combine(staging, "ca.crt"), Certificates.CaPem);
        File.WriteAllText(Path.Combine(staging, "server.crt"), Certificates.ServerPem);
        File.WriteAllText(Path.Combine(staging, "server.key"), Certificates.ServerKeyPem);
        File.WriteAllText(Path.Combine(staging, "acl"), DeploymentDoc.FileNamed("acl"));
        RunDocumented(staging, DeploymentDoc.Replace(Script("broker files"), "<platform secret>", PasswordOf(Platform)));
        var addAPile = Script("add a pile");
        foreach (var pile in _piles)
            RunDocumented(staging, DeploymentDoc.Replace(DeploymentDoc.Replace(addAPile, "cc-0001", pile), "<secret>", PasswordOf(pile)));
    }

    private static string Script(string name) =>
        string.Join("\n", DeploymentDoc.CommandsNamed(name).Where(line => !line.StartsWith("systemctl reload ", StringComparison.Ordinal)));

    private void RunDocumented(string workingFolder, string script)
    {
        foreach (var command in script.Split('\n'))
            RunDocumentedCommand(workingFolder, command);
    }

    private void RunDocumentedCommand(string workingFolder, string command)
    {
        command = command.Replace("/etc/mosquitto/", Folder + "/", StringComparison.Ordinal);
        if (!IsRoot)
        {
            if (command.StartsWith("chown ", StringComparison.Ordinal))
                return;
            command = command.Replace("-o root -g mosquitto ", "", StringComparison.Ordinal);
        }
        var start = new ProcessStartInfo("bash", new[] { "-c", command })
        {
            WorkingDirectory = workingFolder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(10_000);
        Assert.True(process.ExitCode == 0, "docs/deployment.md's command failed: " + command + "\n" + errors.Result);
    }

    private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private void WaitForListener(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("mosquitto exited at start:\n" + Log);
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException("mosquitto did not listen on " + port + " within 10 s:\n" + Log);
    }
}

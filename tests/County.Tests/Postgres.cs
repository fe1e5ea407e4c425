using System.Diagnostics;
using ChargeController.MqttLink;
using ChargeController.TestSupport;

namespace ChargeController.County.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, started with pg_ctl on a free loopback
/// port (trust authentication, the socket in the same folder), stopped and deleted on dispose. PostgreSQL refuses to
/// run as root: a test running as root (CI) runs the cluster as the user `postgres`, which Debian's package creates.
/// </summary>
public sealed class Postgres : IDisposable
{
    public const string User = "ledger";
    private readonly string _bin;
    private readonly string _data;

    public Postgres()
    {
        _bin = Path.GetDirectoryName(Find("initdb"))!;
        Folder = Directory.CreateTempSubdirectory("cc-postgres-").FullName;
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("755", 8)); // the cluster's owner goes in
        _data = Path.Combine(Folder, "data");
        Port = LoopbackPort.Free();
        if (IsRoot)
            Run("chown", "postgres", Folder);
        RunAsOwner("initdb", "-D", _data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync");
        RunAsOwner("pg_ctl", "-D", _data, "-l", Path.Combine(Folder, "log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {Folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    public string Folder { get; }
    public int Port { get; }

    /// <summary>A connection string to a database of its own (made on first use of the name).</summary>
    public string Database(string name)
    {
        using var db = ChargeController.CountyLedger.LedgerDb.Open(ConnectionString("postgres"));
        if (db.Scalar("SELECT 1 FROM pg_database WHERE datname = @name", ("@name", name)) == null)
            db.Execute($"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    private string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=false";

    public void Dispose()
    {
        try
        {
            RunAsOwner("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(Folder, true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Debian keeps the server's programs in /usr/lib/postgresql/&lt;version&gt;/bin, off PATH.</summary>
    private static string Find(string program)
    {
        if (Directory.Exists("/usr/lib/postgresql"))
            foreach (var version in Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(v => v.Length).ThenByDescending(v => v, StringComparer.Ordinal))
                if (File.Exists(Path.Combine(version, "bin", program)))
                    return Path.Combine(version, "bin", program);
        return RequiredProgram.Find(program, "postgresql");
    }

    private void RunAsOwner(string program, params string[] args)
    {
        var path = Path.Combine(_bin, program);
        if (IsRoot)
            Run("runuser", new[] { "-u", "postgres", "--", path }.Concat(args).ToArray());
        else
            Run(path, args);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
            process.Kill();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
    }
}

using System.Security.Cryptography;
using ChargeController.Loader;
using System.Text;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Updates;
using ChargeController.Sim.Link;
using ChargeController.Sim.Scenarios;
using ChargeController.Tests.Link;
using ChargeController.Tests.Support;
using ChargeController.UpdateServer;

namespace ChargeController.Tests.Updates;

/// <summary>
/// A simulated pile on virtual time and the platform's side of an update: a package directory served by
/// <see cref="PackageServer"/> over the simulated link (the pile's requests tapped at the broker, the answers sent down
/// the link). The package is signed with .NET's RSA and the pile holds the public key (<see cref="TestPackage"/>).
/// </summary>
public sealed class UpdateRig : IBrokerTap, IDisposable
{
    public const string PackageName = "cc-1.4.0";

    public UpdateRig(int fileBytes = 5000, int keepAliveS = 60, Action<SimulatedPile>? before = null, string version = "1.4.0",
        RSA? signer = null, bool crashLoop = false, Firmware.Config.PileConfig? config = null)
    {
        FileBytes = Bytes(fileBytes, 11);
        Package = TestPackage.Write(Folder, PackageName, version, signer ?? TestPackage.Operator, ("App.pe", FileBytes),
            crashLoop ? (SimLoader.CrashMarker, new byte[] { 1 }) : null);
        Manifest = File.ReadAllBytes(Path.Combine(Folder, "manifest.json"));
        Server = new PackageServer((topic, payload) => Sim!.Link!.Send(topic, payload, payload.Length));
        Server.Add(Folder);
        Trace = new RecordingWriter();
        config ??= new Firmware.Config.PileConfig();
        Xunit.Assert.Null(config.Set(Firmware.Config.ConfigKeys.KeepAliveS.Name, keepAliveS.ToString()));
        Sim = new SimulatedPile(config, Trace);
        Broker = new BrokerLog();
        Sim.Link.Broker.Tap = this;
        before?.Invoke(Sim); // first: a test's write log and cut points count the provisioning's writes too
        TestPackage.Provision(Sim.Store);
        Sim.Start();
    }

    public string Package { get; }
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cc-update-" + Guid.NewGuid().ToString("N"));
    public byte[] Manifest { get; }
    public byte[] FileBytes { get; }
    public PackageServer Server { get; }
    public SimulatedPile Sim { get; } = null!;
    public RecordingWriter Trace { get; }
    public BrokerLog Broker { get; }
    /// <summary>Every chunk request the platform received: file and offset.</summary>
    public List<(string File, int Offset, long AtMs)> Requests { get; } = new();

    /// <summary>Before the first answer to each chunk request, the answer to the chunk before it arrives again.</summary>
    public bool StaleAnswers { get; set; }
    private readonly HashSet<int> _staled = new();

    public void Received(SimMessage m)
    {
        Broker.Received(m);
        if (!m.Topic.EndsWith(PackageServer.RequestSuffix))
            return;
        var request = ChunkRequest.Parse(m.Payload.AsSpan(0, m.Count), out _);
        if (request != null)
            Requests.Add((request.File, request.Offset, Sim.NowMs));
        if (request != null && StaleAnswers && request.Offset >= ChunkRequest.MaxLength && _staled.Add(request.Offset))
        {
            // a late copy of the previous chunk's answer (a redelivery), ahead of the answer asked for
            var stale = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(m.Payload, 0, m.Count)
                .Replace($"\"offset\":{request.Offset}", $"\"offset\":{request.Offset - ChunkRequest.MaxLength}"));
            Server.Handle(m.Topic, stale);
        }
        Server.Handle(m.Topic, m.Payload.AsSpan(0, m.Count));
    }

    /// <summary>The update command, at <paramref name="atMs"/>.</summary>
    public void Offer(long atMs, string package = PackageName) =>
        LinkRun.Do(Sim, atMs, $"cmd {{\"v\":1,\"id\":\"u1\",\"cmd\":\"update\",\"ttlS\":60,\"package\":\"{package}\",\"manifestBytes\":{Manifest.Length}}}");

    /// <summary>Runs until the update leaves downloading (or the time is up), and 5 s more for its events to reach the broker.</summary>
    public void RunUntilSettled(long untilMs)
    {
        while (Sim.NowMs < untilMs)
        {
            Sim.AdvanceTo(Sim.NowMs + 1000);
            var agent = Sim.Runtime.Updates;
            if (Sim.Powered && agent.State != UpdateStates.Downloading)
                break;
        }
        Sim.AdvanceTo(Sim.NowMs + 5000);
    }

    public byte[] Staged(string file) => Sim.Store.DurableContent(SlotLayout.FileName(0, file));

    /// <summary>The update events the platform received, in order, by state, de-duplicated on (boot, seq) as a platform does
    /// (a planned reboot may send again what the outbox had not yet marked delivered).</summary>
    public List<string> EventStates() => Broker.Events().DistinctBy(e => (e.GetProperty("boot").GetInt32(), e.GetProperty("seq").GetInt32()))
        .Where(e => e.GetProperty("event").GetString() == "update")
        .Select(e => e.GetProperty("state").GetString()!).ToList();

    public static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => Directory.Delete(Folder, true);
}

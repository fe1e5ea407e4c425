using System.Security.Cryptography;
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
/// the link). The manifest check is the test's own (<see cref="ListedFiles"/>): these tests are about the transfer, not
/// the signature.
/// </summary>
public sealed class UpdateRig : IBrokerTap, IDisposable
{
    public const string PackageName = "cc-1.4.0";

    public UpdateRig(int fileBytes = 5000, int keepAliveS = 60, Action<SimulatedPile>? before = null)
    {
        Directory.CreateDirectory(Folder);
        Manifest = Encoding.UTF8.GetBytes($"{{\"v\":1,\"package\":\"{PackageName}\",\"version\":\"1.4.0\",\"files\":[{{\"name\":\"App.pe\",\"size\":{fileBytes}}}]}}");
        File.WriteAllBytes(Path.Combine(Folder, "manifest.json"), Manifest);
        File.WriteAllBytes(Path.Combine(Folder, "manifest.sig"), Bytes(256, 7));
        FileBytes = Bytes(fileBytes, 11);
        File.WriteAllBytes(Path.Combine(Folder, "App.pe"), FileBytes);
        Check = new ListedFiles(this);
        Server = new PackageServer((topic, payload) => Sim!.Link!.Send(topic, payload, payload.Length));
        Server.Add(Folder);
        Trace = new RecordingWriter();
        Sim = new SimulatedPile(new Firmware.Config.PileConfig(), Trace, linkSettings: new LinkSettings { KeepAliveS = keepAliveS });
        Broker = new BrokerLog();
        Sim.Link.Broker.Tap = this;
        Sim.Runtime.ManifestCheck = Check;
        before?.Invoke(Sim);
        Sim.Start();
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cc-update-" + Guid.NewGuid().ToString("N"));
    public byte[] Manifest { get; }
    public byte[] FileBytes { get; set; }
    public ListedFiles Check { get; }
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

    /// <summary>Runs until the update leaves downloading (or the time is up).</summary>
    public void RunUntilSettled(long untilMs)
    {
        while (Sim.NowMs < untilMs)
        {
            Sim.AdvanceTo(Sim.NowMs + 1000);
            var agent = Sim.Runtime.Updates;
            if (Sim.Powered && agent.State != UpdateStates.Downloading)
                return;
        }
    }

    public byte[] Staged(string file) => Sim.Store.DurableContent(UpdateAgent.StagedName(1, file));

    /// <summary>The update events the platform received, in order, by state.</summary>
    public List<string> EventStates() => Broker.Events().Where(e => e.GetProperty("event").GetString() == "update")
        .Select(e => e.GetProperty("state").GetString()!).ToList();

    public static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => Directory.Delete(Folder, true);

    /// <summary>The manifest "check" of these tests: it trusts the staged manifest and lists the package's one file with its true digest.</summary>
    public sealed class ListedFiles(UpdateRig rig) : IManifestCheck
    {
        public int Checks { get; private set; }
        public string? Refuse { get; set; }

        public string? Check(string manifestFile, string signatureFile, long unixS, UpdateFiles files, out int version)
        {
            Checks++;
            version = UpdateVersion.Parse("1.4.0");
            if (Refuse != null)
                return Refuse;
            var digest = SHA256.HashData(rig.FileBytes); // what the manifest promises; the served file may differ
            files.Add("App.pe", rig.FileBytes.Length, digest, 0);
            return null;
        }
    }
}

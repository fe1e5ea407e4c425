using ChargeController.Loader;
using ChargeController.Sim.Link;
using ChargeController.Sim.Scenarios;
using ChargeController.UpdateServer;

namespace ChargeController.PileSim;

/// <summary>
/// The platform's side of a firmware update in `PileSim run` on the simulated broker: `update key FILE` reads the
/// update-key.bin the pile is provisioned with, `update offer FOLDER` serves the package with tools/UpdateServer's
/// <see cref="PackageServer"/> (the pile's chunk requests tapped at the simulated broker, the answers sent down its link
/// on virtual time) and gives the `update` command the platform sends. Paths are from the scenario file's folder.
/// </summary>
public sealed class PackageDesk : IPackageDesk, IBrokerTap
{
    /// <summary>The offer's ttlS: an hour, as `PileUpdate rollout` sends it by default.</summary>
    public const int OfferTtlS = 3600;

    private readonly string _folder;
    private readonly SimulatedPile _pile;
    private readonly PackageServer _server;
    private int _offers;

    private PackageDesk(SimulatedPile pile, string folder)
    {
        _pile = pile;
        _folder = folder;
        _server = new PackageServer((topic, payload) => pile.Link!.Send(topic, payload, payload.Length));
    }

    /// <summary>Gives <paramref name="pile"/> (on the simulated broker) a desk for the scenario in <paramref name="scenarioPath"/>.</summary>
    public static void Attach(SimulatedPile pile, string scenarioPath)
    {
        var desk = new PackageDesk(pile, Path.GetDirectoryName(Path.GetFullPath(scenarioPath))!);
        pile.Link!.Broker.Tap = desk;
        pile.Packages = desk;
    }

    public string? Problem(ScenarioStep step)
    {
        var path = Path.Combine(_folder, step.Text);
        if (step.Verb == ScenarioVerb.UpdateOffer)
        {
            try
            {
                ServedPackage.Open(path);
                return null;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return $"no package to offer: {e.Message}";
            }
        }
        byte[] key;
        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read the update key: {e.Message}";
        }
        return new UpdateKey().Read(key, 0, key.Length) ? null : $"{step.Text} is not an update-key.bin (key id, then a 2048-bit modulus)";
    }

    public byte[] Key(string path) => File.ReadAllBytes(Path.Combine(_folder, path));

    public string Offer(string folder)
    {
        var package = _server.Add(Path.Combine(_folder, folder));
        _offers++;
        return $"{{\"v\":1,\"id\":\"update-{_offers}\",\"cmd\":\"update\",\"ttlS\":{OfferTtlS},\"package\":\"{package.Name}\",\"manifestBytes\":{package.ManifestBytes}}}";
    }

    public void Received(SimMessage message) => _server.Handle(message.Topic, message.Payload.AsSpan(0, message.Count));
}

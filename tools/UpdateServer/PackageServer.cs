namespace ChargeController.UpdateServer;

/// <summary>
/// Answers the chunk requests piles publish on &lt;root&gt;/update/get from the packages it was given
/// (<see cref="Add"/>), on &lt;root&gt;/update/data through the publish callback (the caller publishes it with QoS 1).
/// It keeps no state per pile: each pile pulls at its own pace and resumes where it likes. A request it cannot read is
/// not answered (the pile asks again); a package or file it does not have is answered with total size 0 (the pile gives
/// up: not-found). Thread-safe: a broker client may call <see cref="Handle"/> from its own threads.
/// </summary>
public sealed class PackageServer(Action<string, byte[]> publish)
{
    public const string RequestSuffix = "/update/get";
    public const string AnswerSuffix = "/update/data";

    private readonly Dictionary<string, ServedPackage> _packages = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Told of every request answered (pile, request, the bytes sent), for a tool's progress and a test's count.</summary>
    public event Action<ChunkRequest, int>? Served;
    /// <summary>Told of every request that could not be read (topic, what is wrong).</summary>
    public event Action<string, string>? Refused;

    /// <summary>The topic filter a broker client subscribes to for every pile's requests under piles/.</summary>
    public const string RequestFilter = "piles/+" + RequestSuffix;

    /// <summary>Offers the package in <paramref name="directory"/> under its manifest's name (a later one of the same name replaces it).</summary>
    public ServedPackage Add(string directory)
    {
        var package = ServedPackage.Open(directory);
        lock (_gate)
            _packages[package.Name] = package;
        return package;
    }

    /// <summary>Stops offering a package: its requests are answered as not found from now on, so the piles give up (not-found).</summary>
    public void Withdraw(string name)
    {
        lock (_gate)
            _packages.Remove(name);
    }

    public ServedPackage? Find(string name)
    {
        lock (_gate)
            return _packages.GetValueOrDefault(name);
    }

    /// <summary>A message a pile published: answered when it is a chunk request on a topic ending in /update/get.</summary>
    /// <returns>whether an answer was published</returns>
    public bool Handle(string topic, ReadOnlySpan<byte> payload)
    {
        if (!topic.EndsWith(RequestSuffix, StringComparison.Ordinal))
            return false;
        var request = ChunkRequest.Parse(payload, out var error);
        if (request is null)
        {
            Refused?.Invoke(topic, error!);
            return false;
        }
        var answerTopic = topic[..^RequestSuffix.Length] + AnswerSuffix;
        var package = Find(request.Package);
        byte[] answer;
        var sent = 0;
        if (package is null || !package.Holds(request.File))
        {
            answer = ChunkAnswer.NotFound(request.File, request.Offset);
        }
        else
        {
            var data = package.Read(request.File, request.Offset, request.Length, out var total);
            answer = ChunkAnswer.Encode(request.File, request.Offset, total, data);
            sent = data.Length;
        }
        publish(answerTopic, answer);
        Served?.Invoke(request, sent);
        return true;
    }
}

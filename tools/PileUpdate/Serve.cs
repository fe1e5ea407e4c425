using ChargeController.Tools;
using ChargeController.UpdateServer;

namespace ChargeController.PileUpdate;

/// <summary>
/// `serve`: answers every pile's chunk requests (piles/+/update/get) from the package folders given, through
/// <see cref="PackageServer"/>, until interrupted (Ctrl+C, SIGTERM). The update commands come from elsewhere (the platform,
/// or `rollout`, which serves on its own while it runs).
/// </summary>
internal static class Serve
{
    public static int Run(CommandLine cli, Options options)
    {
        if (options.Unknown(PlatformClient.OptionNames) is { } unknown)
            return cli.Usage(unknown);
        if (PlatformClient.UsageProblem(options) is { } problem)
            return cli.Usage(problem);
        if (options.Operands.Count == 0)
            return cli.Usage("serve needs one or more package folders");
        PlatformClient? client = null;
        var server = new PackageServer((topic, payload) => client!.Publish(topic, payload));
        foreach (var folder in options.Operands)
        {
            if (Offer(cli, server, folder) is not { } offered)
                return CommandLine.Failed;
            Console.WriteLine($"PileUpdate: serving {offered.Name} (version {offered.Version}) from {folder}");
        }
        using var connected = client = PlatformClient.Connect(options, out var failure);
        if (client == null)
            return cli.Fail(failure!);
        server.Refused += (topic, why) => Console.Error.WriteLine($"PileUpdate: a request on {topic} not answered: {why}");
        client.Subscribe(PackageServer.RequestFilter);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        while (!stop.IsCancellationRequested)
        {
            if (!client.IsConnected)
                return cli.Fail("the broker closed the connection");
            if (client.Take(200, out var message))
                server.Handle(message.Topic, message.Payload);
        }
        return CommandLine.Ok;
    }

    /// <summary>Adds a package folder to the server; null after saying why it cannot be served.</summary>
    public static ServedPackage? Offer(CommandLine cli, PackageServer server, string folder)
    {
        try
        {
            return server.Add(folder);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            cli.Fail($"cannot serve {folder}: {e.Message}");
            return null;
        }
    }
}

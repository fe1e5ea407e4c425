using System.Diagnostics;
using ChargeController.CountyLedger;
using ChargeController.Hal;
using ChargeController.MqttLink;
using ChargeController.PileSim.Broker;
using ChargeController.Tools;

namespace ChargeController.FleetSim;

/// <summary>
/// One FleetSim run: the broker (embedded unless --broker), the ledger subscribed before the first pile starts, the
/// fleet on virtual time, then, once the ledger has heard everything, the ledger against the piles' journals and the
/// summary.
/// </summary>
internal static class CountyRun
{
    /// <summary>How long the ledger may stay silent before the run stops waiting for more.</summary>
    private const int DrainQuietMs = 3000;

    /// <summary>How long the check before the run waits for each of the piles' brokers.</summary>
    private const int ConnectCheckMs = 10_000;

    public static int Run(CommandLine cli, FleetOptions o)
    {
        var passwords = o.Passwords == null ? new Dictionary<string, string>() : ReadPasswords(o.Passwords);
        var named = o.Broker == null ? null : LedgerOptions.BrokersOf(o.Broker);
        if (o.Broker != null && named == null)
            return cli.Usage($"--broker takes host:port or a cluster's nodes host:port,host:port, not '{o.Broker}'");
        var pilesNamed = o.PilesBroker == null ? null : LedgerOptions.BrokersOf(o.PilesBroker);
        if (o.PilesBroker != null && pilesNamed == null)
            return cli.Usage($"--piles-broker takes host:port or a cluster's nodes host:port,host:port, not '{o.PilesBroker}'");
        var ca = BrokerSettings.LoadCa(o.TlsCa, out var caProblem);
        if (caProblem != null)
            return cli.Fail(caProblem);
        using var embedded = o.Broker == null ? EmbeddedBroker.Start() : null;
        var brokers = named ?? new[] { (EmbeddedBroker.Host, embedded!.Port) };
        var source = new LedgerSource(brokers, "county-ledger");
        if (o.Db != null && !IsPostgres(o.Db))
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(o.Db + suffix); // every run settles afresh
        using var ledgerDb = o.Db == null ? null : LedgerDb.Open(o.Db);
        var listener = ledgerDb == null ? null
            : new LedgerListener(source, new LedgerIngest(ledgerDb, new LedgerClock(true)));
        if (listener != null && !listener.WaitConnected(10_000))
            return cli.Fail($"the ledger cannot subscribe at {source.Addresses}: {listener.Problem ?? "no answer"}");
        var wall = Stopwatch.StartNew();
        var pileBrokers = (pilesNamed ?? brokers).Select(b => new BrokerEndpoint(b.Host, b.Port, TrustedCa: ca)).ToList();
        using var fleet = new Fleet(o, pileBrokers, id => passwords.GetValueOrDefault(id));
        if (PilesCannotConnect(fleet.Piles[0].Plan.Id, pileBrokers, passwords.GetValueOrDefault(fleet.Piles[0].Plan.Id)) is { } problem)
            return cli.Fail(problem);
        Console.WriteLine($"FleetSim: {fleet.Piles.Count} piles ({fleet.Piles.Count(p => !p.Plan.Dedicated)} public, {fleet.Piles.Count(p => p.Plan.Dedicated)} dedicated) " +
            $"in {fleet.Piles.Select(p => p.Plan.Township).Distinct().Count()} townships, {o.Days} day(s) from 2026-12-01 00:00 (UTC+8), seed {o.Seed}" +
            $"{(o.Chaos ? $", chaos ({fleet.BrokerOutages.Count} broker outages)" : "")}, on the broker at {source.Addresses}" +
            (embedded != null ? " (embedded)" : "") + (o.PilesBroker != null ? $", the piles at {o.PilesBroker}" : "") + (ca != null ? " over TLS" : ""));
        var progress = FleetProgress.For(o.Quiet);
        fleet.Run(progress == null ? null : progress.Show);
        var runS = wall.Elapsed.TotalSeconds;
        if (o.Truth != null)
            File.WriteAllLines(o.Truth, fleet.Piles.SelectMany(p => p.Truth.Events));
        var summary = new List<string>
        {
            $"piles' journals: {fleet.Piles.Sum(p => p.Truth.Sessions().Count())} sessions, " +
            $"{fleet.Piles.Sum(p => p.Truth.Sessions().Sum(s => s.EnergyWh ?? 0)) / 1000.0:F1} kWh, {fleet.Piles.Sum(p => p.Truth.Events.Count())} events; " +
            $"{fleet.Piles.Sum(p => p.Refused)} planned steps the piles refused (a plug-in without power, ...)",
        };
        if (!o.Direct)
            summary.Add(OnTheWire(fleet, ca != null));
        var exact = true;
        if (listener != null)
        {
            WaitForQuiet(listener);
            listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            var check = LedgerCheck.Compare(fleet.Piles.Select(p => p.Truth), ledgerDb!);
            summary.AddRange(LedgerSummary.Lines(ledgerDb!, check));
            exact = check.Exact && new Reconciliation(ledgerDb!).Run(LedgerCommands.PeriodOf(ledgerDb!, new LedgerOptions())).Sum(p => p.UnexplainedWh) == 0;
            File.WriteAllText(o.Report, new DailyReport(ledgerDb!).Html(CountyClock.FirstDayUnixS));
            summary.Add($"the report of 2026-12-01 is in {Path.GetFullPath(o.Report)} (other days: CountyLedger report --day)");
            summary.Add($"the ledger is in {(IsPostgres(o.Db!) ? "PostgreSQL" : o.Db)}: ask it with `CountyLedger energy|trouble|utilisation|reconcile|report --db {(IsPostgres(o.Db!) ? "'<connection string>'" : o.Db)}`");
        }
        if (o.Plot != null)
        {
            var files = FleetPlots.Write(TownshipHours.Of(fleet), o.Plot);
            summary.Add($"pictures: {files.Count} in {Path.GetFullPath(o.Plot)} (each township's and county.png)");
        }
        var self = Process.GetCurrentProcess();
        summary.Add($"run: {runS:F1} s for {o.Days} virtual day(s) ({o.EndMs / 1000.0 / runS:F0}x real time), CPU {self.TotalProcessorTime.TotalSeconds:F1} s, " +
            $"peak memory {self.PeakWorkingSet64 / 1048576} MB" +
            (o.Speed is { } speed ? $"; at {speed}x real time, at worst {fleet.MostBehindMs} ms behind it, {fleet.BehindMs} ms at the end" : ""));
        foreach (var line in summary)
            Console.WriteLine(line);
        if (o.Summary != null)
            File.WriteAllLines(o.Summary, summary);
        return exact ? CommandLine.Ok : cli.Fail("the ledger does not settle the piles' journals exactly (see above)");
    }

    /// <summary>One connect as the first pile to each of the piles' brokers: a wrong port, CA or account fails here, before any pile starts.</summary>
    private static string? PilesCannotConnect(string pileId, IReadOnlyList<BrokerEndpoint> brokers, string? password)
    {
        using var link = new RelayedBrokerLink(brokers, password == null ? null : pileId, password, severable: false);
        for (var i = 0; i < brokers.Count; i++)
            if (link.Check(pileId, ConnectCheckMs, i) is var status && status != LinkStatus.Ok)
                return $"the piles cannot connect to {brokers[i].Host}:{brokers[i].Port}{(brokers[i].Tls ? " over TLS" : "")}: {status}";
        return null;
    }

    /// <summary>
    /// What the piles' connections carried, per pile-day, by the kernel's counters of the relays' sockets to the broker.
    /// The keepalive's pings are in it as the wall clock asked for them, not the virtual day: the simulator's MQTT client
    /// sends them by real seconds (at full speed almost none; an idle day on the device has 288, docs/performance.md).
    /// </summary>
    private static string OnTheWire(Fleet fleet, bool tls)
    {
        var traffic = fleet.Traffic;
        var pileDays = fleet.Piles.Count * fleet.Options.Days;
        return $"on the wire ({(tls ? "TLS" : "plain MQTT")}, every connection each pile made, keepalive pings by the wall clock): {traffic.IpBytes(TcpTraffic.PlainHeaderBytes) / pileDays / 1000:F1} KB " +
            $"a pile-day with the device's {TcpTraffic.PlainHeaderBytes}-byte headers ({traffic.IpBytes(TcpTraffic.LinuxHeaderBytes) / pileDays / 1000:F1} KB with Linux's); " +
            $"payload {traffic.BytesSent / pileDays / 1000:F1} KB up and {traffic.BytesReceived / pileDays / 1000:F1} KB down, {traffic.Segments / pileDays:F0} segments";
    }

    private static void WaitForQuiet(LedgerListener listener)
    {
        var heard = -1L;
        while (heard != listener.Received)
        {
            heard = listener.Received;
            Thread.Sleep(DrainQuietMs);
        }
    }

    private static bool IsPostgres(string db) => db.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> ReadPasswords(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}

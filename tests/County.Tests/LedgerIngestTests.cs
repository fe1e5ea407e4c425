using System.Text;
using ChargeController.CountyLedger;
using Xunit;

namespace ChargeController.County.Tests;

/// <summary>The ledger's storing rules on SQLite, message by message, with no broker.</summary>
public sealed class LedgerIngestTests : IDisposable
{
    private const string Pile = "laoying-003";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cc-ledger-{Guid.NewGuid():N}.db");
    private readonly LedgerDb _db;
    private readonly LedgerIngest _ingest;

    public LedgerIngestTests()
    {
        _db = LedgerDb.Open(_file);
        _ingest = new LedgerIngest(_db, new LedgerClock(true));
    }

    private Ingested Event(string json) => _ingest.Store($"piles/{Pile}/events", Encoding.UTF8.GetBytes(json));

    private const string Start = """{"v":1,"pile":"laoying-003","event":"session-start","boot":2,"seq":3,"uptimeMs":3000,"time":"2026-12-01T10:00:00Z","session":"2-3","idTag":"","startWh":1000,"offline":false}""";
    private const string End = """{"v":1,"pile":"laoying-003","event":"session-end","boot":2,"seq":9,"uptimeMs":7000000,"time":"2026-12-01T12:00:00Z","session":"2-3","idTag":"","reason":"EVDisconnected","startWh":1000,"stopWh":15000,"energyWh":14000,"offline":false,"unmetered":false,"bandsWh":[0,5000,9000,0]}""";

    [Fact]
    public void AnEventReceivedTwiceIsStoredOnceAndCountedAsADuplicate()
    {
        Assert.Equal(Ingested.Stored, Event(Start));
        Assert.Equal(Ingested.Stored, Event(End));
        Assert.Equal(Ingested.Duplicate, Event(End));
        Assert.Equal(Ingested.Duplicate, Event(Start));
        var counters = new LedgerQueries(_db).Counters();
        Assert.Equal(2, counters["events"]);
        Assert.Equal(2, counters["duplicates"]);
        var energy = new LedgerQueries(_db).Energy("pile", Everything);
        Assert.Equal(new EnergyRow(Pile, 1, 14000), Assert.Single(energy));
    }

    [Fact]
    public void ASessionIsSettledFromItsStartAndEndInEitherOrder()
    {
        Event(End);
        Event(Start);
        var row = _db.Rows("SELECT started_s, ended_s, start_wh, stop_wh, energy_wh, band2_wh FROM sessions")[0];
        Assert.Equal(new object?[] { At("2026-12-01T10:00:00Z"), At("2026-12-01T12:00:00Z"), 1000L, 15000L, 14000L, 9000L }, row.Select(v => (object?)Convert.ToInt64(v)).ToArray());
    }

    [Fact]
    public void EnergyByBandAndByTownshipAddsUpTheSessions()
    {
        Event(Start);
        Event(End);
        var queries = new LedgerQueries(_db);
        var bands = queries.Energy("band", Everything);
        Assert.Equal(new[] { 0L, 5000, 9000, 0, 0 }, bands.Select(b => b.EnergyWh));
        Assert.Equal(new[] { "valley", "flat", "peak", "sharp", "no tariff" }, bands.Select(b => b.Key));
        Assert.Equal(new EnergyRow("laoying", 1, 14000), Assert.Single(queries.Energy("township", Everything)));
        Assert.Empty(queries.Energy("township", new Period(At("2026-12-01T11:00:00Z"), At("2026-12-02T00:00:00Z")))); // it started before
    }

    [Fact]
    public void ASessionsSolarShareIsStoredAndSummedForItsPeriod()
    {
        Event(Start);
        Event(End.Replace("\"bandsWh\":[0,5000,9000,0]", "\"bandsWh\":[0,5000,9000,0],\"solarWh\":10500"));
        Event(Start.Replace("\"seq\":3", "\"seq\":10").Replace("2-3", "2-4"));
        Event(End.Replace("\"seq\":9", "\"seq\":11").Replace("2-3", "2-4")); // a session without a site meter: no share
        Assert.Equal(new object?[] { 10500L, null }, _db.Rows("SELECT solar_wh FROM sessions ORDER BY session").Select(r => r[0] == null ? null : (object?)Convert.ToInt64(r[0])));
        Assert.Equal(new SolarRow(1, 14000, 10500), new LedgerQueries(_db).Solar(Everything));
    }

    /// <summary>A ledger made before sessions kept their solar share gets the column when it opens, and keeps its rows.</summary>
    [Fact]
    public void ALedgerFromBeforeTheSolarShareGetsItsColumn()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cc-ledger-old-").FullName, "county.db");
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path + ";Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = LedgerSchema.Tables[2].Replace(" solar_wh BIGINT,", "") +
                "; INSERT INTO sessions (pile, session, energy_wh) VALUES ('laoying-003', '1-1', 500)";
            create.ExecuteNonQuery();
        }
        using var db = LedgerDb.Open(path);
        new LedgerIngest(db, new LedgerClock(true)).Store($"piles/{Pile}/events", Encoding.UTF8.GetBytes(End.Replace("\"unmetered\":false", "\"unmetered\":false,\"solarWh\":700")));
        Assert.Equal(new long?[] { null, 700 }, db.Rows("SELECT solar_wh FROM sessions ORDER BY session").Select(r => r[0] == null ? null : (long?)Convert.ToInt64(r[0])));
        using var again = LedgerDb.Open(path); // opening it again adds nothing twice
    }

    [Fact]
    public void AStatusOfflineThenFaultedTellsSinceWhen()
    {
        Status("""{"v":1,"pile":"laoying-003","online":true,"status":"Faulted","error":"GroundFailure","faults":[{"code":"GroundFailure","detail":"rcd-dc","latched":true}],"firmware":"1.0.0","boot":{"number":2,"reason":"PowerLoss"},"outbox":0,"dropped":0,"uptimeMs":2000,"time":"2026-12-01T08:00:00Z"}""");
        Event(Start.Replace("2026-12-01T10:00:00Z", "2026-12-01T09:00:00Z")); // the clock moves on
        Status("""{"v":1,"pile":"laoying-003","online":false}""");
        var trouble = Assert.Single(new LedgerQueries(_db).Trouble());
        Assert.Equal(At("2026-12-01T08:00:00Z"), trouble.FaultedSinceS);
        Assert.Equal(At("2026-12-01T09:00:00Z"), trouble.OfflineSinceS); // the will has no time: the latest time seen
        Assert.Equal("rcd-dc", trouble.Faults);
    }

    [Fact]
    public void AMessageWithoutWhatTheContractRequiresIsRejectedAndCounted()
    {
        Assert.Equal(Ingested.Rejected, Event("""{"v":1,"pile":"laoying-003","event":"boot"}"""));
        Assert.Equal(Ingested.Rejected, Event("not json"));
        Assert.Equal(Ingested.Ignored, _ingest.Store($"piles/{Pile}/cmd/result", Encoding.UTF8.GetBytes("{}")));
        Assert.Equal(2, new LedgerQueries(_db).Counters()["rejected"]);
    }

    [Fact]
    public void ReconciliationExplainsAPowerCutsLastReadingAndNamesAMeterStepNoSessionCovers()
    {
        Event(Start);
        Event(End.Replace("\"stopWh\":15000,\"energyWh\":14000", "\"lastWh\":14900").Replace(",\"bandsWh\":[0,5000,9000,0]", ""));
        Telemetry("2026-12-01T12:30:00Z", 15000); // the meter ran 100 Wh past the last reading before the power went
        var pile = Assert.Single(new Reconciliation(_db).Run(Everything));
        Assert.Equal(0, pile.UnexplainedWh);
        Assert.Equal(100, Assert.Single(pile.Gaps).Wh);
        Assert.Equal(13900, pile.SessionsWh);
        Telemetry("2026-12-01T13:00:00Z", 15250); // 250 Wh more, and no session
        pile = Assert.Single(new Reconciliation(_db).Run(Everything));
        Assert.Equal(250, pile.UnexplainedWh);
        Assert.Equal(pile.MeteredWh, pile.SessionsWh + pile.Gaps.Sum(g => g.Wh));
    }

    [Fact]
    public void ASessionEndedByASilentMeterIsExplainedUpToTheFirstReadingAfterTheMeterCameBack()
    {
        // the county's week: the meter fell silent at 14900 Wh while the car drew 7 kW; the pile ended the session
        // unmetered; its telemetry repeated the last reading until the meter answered again, 11 Wh further
        Event(Start);
        Event(End.Replace("\"stopWh\":15000,\"energyWh\":14000", "\"lastWh\":14900").Replace("\"unmetered\":false", "\"unmetered\":true")
            .Replace("EVDisconnected", "Other").Replace(",\"bandsWh\":[0,5000,9000,0]", ""));
        Event(MeterFault(10, "2026-12-01T11:59:55Z", raised: true));
        Telemetry("2026-12-01T12:10:00Z", 14900); // the last reading, repeated while the meter is silent
        Event(MeterFault(11, "2026-12-01T12:15:00Z", raised: false));
        Telemetry("2026-12-01T12:15:00Z", 14911);
        var pile = Assert.Single(new Reconciliation(_db).Run(Everything));
        Assert.Equal(0, pile.UnexplainedWh);
        Assert.Equal(11, Assert.Single(pile.Gaps).Wh);
        Telemetry("2026-12-01T13:00:00Z", 14950); // and a step after the meter was back is no session's
        Assert.Equal(39, Assert.Single(new Reconciliation(_db).Run(Everything)).UnexplainedWh);
    }

    private static string MeterFault(int seq, string time, bool raised) =>
        $$"""{"v":1,"pile":"laoying-003","event":"{{(raised ? "fault-raised" : "fault-cleared")}}","boot":2,"seq":{{seq}},"uptimeMs":{{seq * 1000}},"time":"{{time}}","code":"PowerMeterFailure","detail":"meter-lost"{{(raised ? ",\"latched\":false" : "")}},"retries":0}""";

    [Fact]
    public void UtilisationIsTheTownshipsSessionTimeOverItsPileTime()
    {
        Event(Start);
        Event(End);
        var day = new Period(At("2026-12-01T00:00:00Z"), At("2026-12-02T00:00:00Z"));
        var row = Assert.Single(new LedgerQueries(_db).Utilisation(day));
        Assert.Equal(7200, row.SessionSeconds);
        Assert.Equal(7200.0 / 86400, row.Share, 6);
        var byHour = new LedgerQueries(_db).SessionSecondsByHour(day, 8 * 3600)["laoying"];
        Assert.Equal(3600, byHour[18]); // 10:00Z is 18:00 in the county
        Assert.Equal(3600, byHour[19]);
        Assert.Equal(7200, byHour.Sum());
    }

    private void Status(string json) => _ingest.Store($"piles/{Pile}/status", Encoding.UTF8.GetBytes(json));

    private void Telemetry(string time, long wh) =>
        _ingest.Store($"piles/{Pile}/telemetry", Encoding.UTF8.GetBytes($$"""{"v":1,"pile":"{{Pile}}","uptimeMs":1,"time":"{{time}}","cp":"A","energyWh":{{wh}}}"""));

    private static readonly Period Everything = new(0, long.MaxValue / 2);

    private static long At(string utc) => DateTimeOffset.Parse(utc).ToUnixTimeSeconds();

    public void Dispose()
    {
        _db.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
    }
}

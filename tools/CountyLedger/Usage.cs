namespace ChargeController.CountyLedger;

internal static class Usage
{
    public const string Text = """
        CountyLedger: the county platform's reference ledger. It subscribes to the piles' events, statuses and telemetry
        (docs/mqtt-api.md) with a persistent session, stores them de-duplicated in SQLite or PostgreSQL, and answers.

        Usage:
          CountyLedger listen [--broker host:port[,host:port...]] [--user U --password P] [--client-id ID] [--shared] [--clock wall|messages] [--db DB]
          CountyLedger energy --by pile|township|band [--from T] [--to T] [--db DB]
          CountyLedger trouble [--db DB]
          CountyLedger utilisation [--from T] [--to T] [--db DB]
          CountyLedger reconcile [--from T] [--to T] [--db DB]
          CountyLedger counters [--db DB]
          CountyLedger report [--day D] [--out FILE] [--db DB]
          CountyLedger bench [--messages N] [--broker host:port] [--user U --password P] [--db DB]

        --db          a SQLite file (default county.db), or a PostgreSQL connection string ("Host=...;Username=...;Database=...")
        --broker      the MQTT broker (default 127.0.0.1:1883), or a cluster's nodes a,b,c: when its node goes, the ledger
                      reconnects through the next with its client id; listen runs until standard input closes or Ctrl-C
        --client-id   the ledger's fixed client id (default county-ledger): the broker keeps its session while it is away
        --shared      subscribe in the shared group $share/ledger/: several instances into one PostgreSQL split the load
        --clock       the time given to what carries none (the will): the wall clock, or the latest time the messages
                      carried (a simulated county on virtual time)
        --from, --to  the period: 2026-12-01 or 2026-12-01T18:00 (China Standard Time, UTC+8, unless an offset is
                      given); default, everything the ledger holds
        energy        sessions and energy per pile, township or tariff band (valley, flat, peak, sharp) in the period
        trouble       piles offline or faulted now ("now": the latest time the ledger heard of), and for how long
        utilisation   the share of each township's pile time its sessions took
        reconcile     each pile's meter register against its sessions' energy: every gap, explained or not
        counters      events stored, duplicates removed, statuses, telemetry, rejected messages
        bench         the ingest rate: N messages (default 20000; sessions of 100 piles: start, status, telemetry, end)
                      published at QoS 1, received by the ledger's listener into a fresh --db; messages stored a second
        report        the day's report as one HTML page with charts (default: the latest day the ledger heard of, into
                      county-report.html): utilisation by township and hour, energy by band, faults, piles in trouble
        """;
}

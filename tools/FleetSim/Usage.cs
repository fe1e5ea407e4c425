namespace ChargeController.FleetSim;

internal static class Usage
{
    public const string Text = """
        FleetSim: the county's piles (220 public over 8 townships, 150 dedicated), each the pile's real runtime on a
        simulated board with its own MQTT connection, on virtual time; settled by the county ledger (CountyLedger).

        Usage: FleetSim [--piles N] [--counties K] [--townships a,b] [--days D] [--speed S|max] [--seed N] [--chaos] [--threads N]
                        [--broker host:port[,host:port...]] [--piles-broker host:port[,...]] [--tls-ca FILE] [--direct] [--passwords FILE] [--db DB | --no-ledger] [--report FILE] [--plot DIR] [--summary FILE] [--truth FILE] [--quiet]

        --piles N       the first N piles of the county, spread over the townships (default all 370)
        --counties K    K copies of the county, as a province (the second's townships xinguan2...; default 1)
        --townships     only these townships (xinguan, wanjiazhai, laoniuwan, laoying, shuiquan, shangyu, lougou, yaotou)
        --days D        virtual days to run (default 1; 0.25 is six hours); the run starts at local midnight, 2026-12-01
        --speed S       virtual seconds per real second (1: real time); default max, as fast as the machine goes
        --seed N        the seed of arrivals and chaos (default 1): the same seed, the same county
        --threads N     worker threads the piles are split over (default: the machine's cores; 1: all on one thread)
        --chaos         broker outages, 4G link drops, power cuts and failing meters (see the README)
        --broker        a broker at host:port (e.g. mosquitto) instead of the embedded one, or a cluster's nodes a,b,c:
                        every pile's list of brokers, and the ledger's
        --piles-broker  where the piles connect, when not where the ledger does (the county's TLS listener, 8883)
        --tls-ca FILE   the piles connect over TLS; the broker's certificate chains to this CA (PEM)
        --direct        each pile connects straight to the broker: one socket a pile instead of four (for the largest
                        real-time fleets); its link can be neither cut (not with --chaos) nor counted
        --passwords     a file of "pileId password" lines: each pile connects with its own account
        --db DB         the ledger's database: a SQLite file (default county.db, started afresh) or a PostgreSQL
                        connection string; the ledger runs in this process, subscribed before the first pile starts
        --no-ledger     no ledger here (one listens elsewhere: CountyLedger listen)
        --report FILE   the ledger's report of the first day, an HTML page with charts (default county-report.html)
        --plot DIR      a picture of each township's run and one of the county (DIR/<township>.png, DIR/county.png):
                        piles charging and offline, energy, faults raised and link drops, hour by hour; their
                        numbers in DIR/hours.csv
        --summary FILE  the summary printed at the end, also into this file
        --truth FILE    the piles' own journals as JSON Lines: every platform event each pile recorded
        --quiet         no progress bar
        """;
}

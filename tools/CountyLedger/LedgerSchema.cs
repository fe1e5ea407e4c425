namespace ChargeController.CountyLedger;

/// <summary>
/// The ledger's tables. Times are Unix seconds (UTC). Keys make every store idempotent: an event is stored once per
/// (pile, boot, seq), whoever receives it how often; a session once per (pile, session) and filled from its start and
/// its end in either order; so instances sharing the subscription never count twice.
/// </summary>
public static class LedgerSchema
{
    public static readonly string[] Tables =
    {
        """
        CREATE TABLE IF NOT EXISTS events (
          pile TEXT NOT NULL, boot BIGINT NOT NULL, seq BIGINT NOT NULL, event TEXT NOT NULL,
          at_s BIGINT NOT NULL, received_s BIGINT NOT NULL, payload TEXT NOT NULL,
          PRIMARY KEY (pile, boot, seq))
        """,
        """
        CREATE TABLE IF NOT EXISTS piles (
          pile TEXT PRIMARY KEY, township TEXT NOT NULL, dedicated INTEGER NOT NULL,
          online INTEGER, status TEXT, error TEXT, faults TEXT, boot BIGINT, status_s BIGINT,
          offline_since_s BIGINT, faulted_since_s BIGINT)
        """,
        """
        CREATE TABLE IF NOT EXISTS sessions (
          pile TEXT NOT NULL, session TEXT NOT NULL, id_tag TEXT,
          started_s BIGINT, ended_s BIGINT, start_wh BIGINT, stop_wh BIGINT, last_wh BIGINT, energy_wh BIGINT,
          band0_wh BIGINT, band1_wh BIGINT, band2_wh BIGINT, band3_wh BIGINT,
          reason TEXT, offline INTEGER, unmetered INTEGER, solar_wh BIGINT,
          PRIMARY KEY (pile, session))
        """,
        """
        CREATE TABLE IF NOT EXISTS faults (
          pile TEXT NOT NULL, boot BIGINT NOT NULL, seq BIGINT NOT NULL, code TEXT NOT NULL, detail TEXT NOT NULL,
          raised INTEGER NOT NULL, at_s BIGINT NOT NULL,
          PRIMARY KEY (pile, boot, seq))
        """,
        """
        CREATE TABLE IF NOT EXISTS boots (
          pile TEXT NOT NULL, boot BIGINT NOT NULL, reason TEXT NOT NULL, at_s BIGINT NOT NULL,
          PRIMARY KEY (pile, boot))
        """,
        """
        CREATE TABLE IF NOT EXISTS telemetry (
          pile TEXT NOT NULL, at_s BIGINT NOT NULL, energy_wh BIGINT, power_w BIGINT, cp TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS telemetry_pile_at ON telemetry (pile, at_s)",
        """
        CREATE TABLE IF NOT EXISTS statuses (
          pile TEXT NOT NULL, at_s BIGINT NOT NULL, online INTEGER NOT NULL, status TEXT, error TEXT, faults TEXT)
        """,
        "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    };

    /// <summary>Columns added after a ledger may have made its tables: (table, column, type), added where missing.</summary>
    public static readonly (string Table, string Column, string Type)[] AddedColumns =
    {
        ("sessions", "solar_wh", "BIGINT"),
    };
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChargeController.CountyLedger;

/// <summary>
/// The ledger's database: a SQLite file (the default: nothing to install) or PostgreSQL (a connection string, for
/// several ledger instances sharing the load). The SQL is the subset both speak (ON CONFLICT upserts, BIGINT times in
/// Unix seconds), so every query runs unchanged on either.
/// </summary>
public sealed class LedgerDb : IDisposable
{
    private readonly DbConnection _connection;

    private LedgerDb(DbConnection connection, bool postgres)
    {
        _connection = connection;
        Postgres = postgres;
    }

    public bool Postgres { get; }

    /// <param name="db">a PostgreSQL connection string (it has "Host="), else the path of a SQLite file</param>
    public static LedgerDb Open(string db)
    {
        var postgres = db.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        DbConnection connection = postgres
            ? new NpgsqlConnection(db)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        var ledger = new LedgerDb(connection, postgres);
        if (!postgres)
            ledger.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
        ledger.CreateSchema();
        return ledger;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction (committed when it returns).</summary>
    public T InTransaction<T>(Func<DbTransaction, T> work)
    {
        using var transaction = _connection.BeginTransaction();
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters) => Execute(null, sql, parameters);

    public int Execute(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters) => Scalar(null, sql, parameters);

    public object? Scalar(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Every row of a query, each as its columns' values (null for SQL NULL).</summary>
    public List<object?[]> Rows(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(null, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private DbCommand Command(DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>The tables, made once, and the columns added since to a ledger made before; on PostgreSQL under a lock, as instances may start together.</summary>
    private void CreateSchema()
    {
        InTransaction(transaction =>
        {
            if (Postgres)
                Execute(transaction, "SELECT pg_advisory_xact_lock(2023)");
            foreach (var statement in LedgerSchema.Tables)
                Execute(transaction, statement);
            foreach (var (table, column, type) in LedgerSchema.AddedColumns)
            {
                var present = Postgres
                    ? Scalar(transaction, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = @table AND column_name = @column",
                        ("@table", table), ("@column", column))
                    : Scalar(transaction, "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column", ("@table", table), ("@column", column));
                if (Convert.ToInt64(present) == 0)
                    Execute(transaction, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
            }
            return 0;
        });
    }

    public void Dispose() => _connection.Dispose();
}

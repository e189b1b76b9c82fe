using System.Runtime.CompilerServices;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Errors;
using Microsoft.Data.Sqlite;

namespace CliAgentOrchestrator.Core.Storage;

/// <summary>
/// The SQLite file under <c>$CAO_HOME_DIR/db/</c>. Tables and columns follow the Python original
/// so its tools can read our database; the inbox has a few extra columns (why a delivery failed,
/// when it was delivered, the orchestration type, the typing marker) that Python lacks.
/// Every failure to read or write it becomes a <see cref="StorageUnavailableException"/> naming the
/// file and the remedy, and is remembered for <c>/health</c> until a later write succeeds.
/// </summary>
public sealed class CaoDatabase
{
    private readonly string _connectionString;
    private volatile string? _fault;

    /// <summary>The size the write-ahead log is cut back to when it starts again: above what 250 writes
    /// between checkpoints fill (about 3 MiB), so an ordinary log is never cut and grown again.</summary>
    internal const long WalSizeLimit = 4 * 1024 * 1024;

    // Serialises this process's writes (see Run); held only while a statement runs.
    private readonly Lock _writeGate = new();
    // The SQLite connections already given the pragmas below; an entry goes when the pool closes its connection.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private static readonly object Configured = new();
    private readonly WalCheckpointer _checkpointer;

    public CaoDatabase(CaoHome home)
    {
        CaoHome.CreatePrivateDirectory(home.DatabaseDirectory);
        Path = home.DatabaseFile;
        _checkpointer = new WalCheckpointer(Open, _writeGate);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        try
        {
            Initialize();
        }
        catch (SqliteException ex)
        {
            throw StorageFaults.Describe(Path, ex);
        }
    }

    public string Path { get; }

    /// <summary>Why the last read or write failed, or null when the last one succeeded.</summary>
    public string? Fault => _fault;

    /// <summary>A test seam standing in for faults the file system cannot be made to produce on demand
    /// (a full disk): called before each write statement, it may return the error to raise instead.</summary>
    internal Func<string, SqliteException?>? WriteFault { get; set; }

    /// <summary>Background checkpoints finished (see <see cref="WalCheckpointer"/>).</summary>
    internal int CheckpointsCompleted => _checkpointer.Completed;

    public SqliteConnection Open()
    {
        // A pooled connection to a deleted file keeps writing to the unlinked inode and every write
        // "succeeds" into nowhere; a new one would create an empty file without tables. Neither may
        // answer 200, so a missing file is a fault of its own.
        if (!File.Exists(Path))
            throw Failed(new StorageUnavailableException($"The database {Path} was deleted while the server runs; restore it from a backup, or restart the server to start with an empty one (queued messages and terminal records in it are lost)"));
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Per connection, not per file (journal_mode is): without it every pooled connection
            // commits with synchronous=FULL, an fsync of the WAL per write, which capped inbox POSTs at
            // tens per second on a busy disk. NORMAL in WAL mode survives a crash of the server; only a
            // power loss can cost the last commits (docs/operations.md). Also per connection: no commit
            // checkpoints the log itself; WalCheckpointer does, off the request path.
            // Also per connection: the first commit after the log starts again cuts the file back to
            // WalSizeLimit, so a log that grew under a burst does not keep its largest size for the
            // server's lifetime. Once per SQLite connection: the pool hands the same one out again with
            // its settings kept, and running the pragmas on every open was statements compiled per query.
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={WalSizeLimit};";
                pragma.ExecuteNonQuery();
                _configured.AddOrUpdate(connection.Handle!, Configured);
            }
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Failed(StorageFaults.Describe(Path, ex));
        }
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> on an open connection; SQLite errors become <see cref="StorageUnavailableException"/>.</summary>
    /// <param name="write">A write that succeeds clears <see cref="Fault"/>; a read does not (reads work on a full disk).</param>
    public T Run<T>(Func<SqliteConnection, T> work, bool write = false)
    {
        using var connection = Open();
        try
        {
            T result;
            if (write)
            {
                // One writer at a time in this process: SQLite lets one connection write, and a second one
                // that finds the lock taken gets SQLITE_BUSY, on which Microsoft.Data.Sqlite sleeps 150 ms
                // before retrying. Queued behind this lock it waits the microseconds the write takes instead
                // (the inbox POST p99 under delivery load was that sleep; docs/performance.md).
                lock (_writeGate)
                    result = work(connection);
                _fault = null;
                _checkpointer.Written();
            }
            else
            {
                // Reads never wait: in WAL mode they see the last commit while a write goes on.
                result = work(connection);
            }
            return result;
        }
        catch (SqliteException ex)
        {
            throw Failed(StorageFaults.Describe(Path, ex));
        }
    }

    /// <summary>Runs one statement with named parameters; returns the number of rows changed.</summary>
    public int Execute(string sql, params (string Name, object Value)[] parameters) => Run(connection =>
    {
        if (WriteFault?.Invoke(sql) is { } injected)
            throw injected;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }, write: true);

    /// <summary>
    /// For <c>/health</c>: the file exists and a write transaction can start (catches a read-only file
    /// or folder and a lock held elsewhere). A full disk shows up only when a write fails, through
    /// <see cref="Fault"/>.
    /// </summary>
    public string? Probe()
    {
        try
        {
            Run(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "BEGIN IMMEDIATE; SELECT COUNT(*) FROM inbox WHERE 0; ROLLBACK;";
                // It takes the write lock: behind our own writers, not racing them into a busy sleep.
                lock (_writeGate)
                    return command.ExecuteNonQuery();
            });
            return null;
        }
        catch (StorageUnavailableException ex)
        {
            return ex.Message;
        }
    }

    private StorageUnavailableException Failed(StorageUnavailableException ex)
    {
        _fault = ex.Message;
        return ex;
    }

    private void Initialize()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = """
                CREATE TABLE IF NOT EXISTS terminals (
                    id TEXT PRIMARY KEY,
                    tmux_session TEXT NOT NULL,
                    tmux_window TEXT NOT NULL,
                    provider TEXT NOT NULL,
                    agent_profile TEXT,
                    working_directory TEXT,
                    allowed_tools TEXT,
                    shell_command TEXT,
                    caller_id TEXT,
                    engine TEXT,
                    "group" TEXT,
                    "metadata" TEXT,
                    last_active DATETIME
                );
                CREATE TABLE IF NOT EXISTS inbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sender_id TEXT NOT NULL,
                    receiver_id TEXT NOT NULL,
                    message TEXT NOT NULL,
                    status TEXT NOT NULL,
                    created_at DATETIME,
                    orchestration_type TEXT,
                    error TEXT,
                    delivered_at DATETIME
                );
                CREATE INDEX IF NOT EXISTS inbox_receiver_status ON inbox (receiver_id, status, id);
                CREATE INDEX IF NOT EXISTS inbox_receiver ON inbox (receiver_id, id);
                """;
            schema.ExecuteNonQuery();
        }
        AddColumnIfMissing(connection, "inbox", "typed_text", "TEXT");
        AddColumnIfMissing(connection, "inbox", "log_offset", "INTEGER");
        RestrictFiles();
    }

    // Databases written by an older CAO (or by Python) lack our later columns; SQLite has no ADD COLUMN IF NOT EXISTS.
    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string type)
    {
        using var info = connection.CreateCommand();
        info.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(info.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            return;
        using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
        alter.ExecuteNonQuery();
    }

    private void RestrictFiles()
    {
        if (OperatingSystem.IsWindows())
            return;
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            if (File.Exists(file))
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Timestamps are stored as local, zone-less ISO strings, as the Python original stores them.</summary>
    public static string Now() => DateTime.Now.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
}

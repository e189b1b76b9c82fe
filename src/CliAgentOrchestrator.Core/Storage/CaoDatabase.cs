using CliAgentOrchestrator.Core.Configuration;
using Microsoft.Data.Sqlite;

namespace CliAgentOrchestrator.Core.Storage;

/// <summary>
/// The SQLite file under <c>$CAO_HOME_DIR/db/</c>. Tables and columns follow the Python original
/// so its tools can read our database; the inbox has a few extra columns (why a delivery failed,
/// when it was delivered, the orchestration type) that Python lacks.
/// </summary>
public sealed class CaoDatabase
{
    private readonly string _connectionString;

    public CaoDatabase(CaoHome home)
    {
        CaoHome.CreatePrivateDirectory(home.DatabaseDirectory);
        Path = home.DatabaseFile;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Initialize();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement with named parameters; returns the number of rows changed.</summary>
    public int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }

    private void Initialize()
    {
        using var connection = Open();
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
                """;
            schema.ExecuteNonQuery();
        }
        RestrictFiles();
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

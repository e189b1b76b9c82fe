using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CliAgentOrchestrator.Core.Storage;

/// <summary>The <c>terminals</c> table.</summary>
public sealed class TerminalRepository(CaoDatabase database)
{
    private const string Columns = "id, tmux_session, tmux_window, provider, agent_profile, working_directory, allowed_tools, shell_command, caller_id, engine, last_active";

    public void Insert(TerminalRecord terminal) => database.Run(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO terminals ({Columns}) VALUES ($id, $session, $window, $provider, $profile, $cwd, $tools, $shell, $caller, $engine, $active)";
        command.Parameters.AddWithValue("$id", terminal.Id);
        command.Parameters.AddWithValue("$session", terminal.SessionName);
        command.Parameters.AddWithValue("$window", terminal.WindowName);
        command.Parameters.AddWithValue("$provider", terminal.Provider);
        command.Parameters.AddWithValue("$profile", (object?)terminal.AgentProfile ?? DBNull.Value);
        command.Parameters.AddWithValue("$cwd", (object?)terminal.WorkingDirectory ?? DBNull.Value);
        command.Parameters.AddWithValue("$tools", terminal.AllowedTools is null ? DBNull.Value : JsonSerializer.Serialize(terminal.AllowedTools));
        command.Parameters.AddWithValue("$shell", (object?)terminal.ShellCommand ?? DBNull.Value);
        command.Parameters.AddWithValue("$caller", (object?)terminal.CallerId ?? DBNull.Value);
        command.Parameters.AddWithValue("$engine", (object?)terminal.Engine ?? DBNull.Value);
        command.Parameters.AddWithValue("$active", terminal.LastActive ?? CaoDatabase.Now());
        return command.ExecuteNonQuery();
    }, write: true);

    public TerminalRecord? Get(string id) => Query("WHERE id = $id", ("$id", id)).FirstOrDefault();

    public IReadOnlyList<TerminalRecord> ListBySession(string sessionName) =>
        Query("WHERE tmux_session = $session ORDER BY rowid", ("$session", sessionName));

    public IReadOnlyList<TerminalRecord> ListAll() => Query("ORDER BY rowid");

    /// <returns>True when a row was deleted.</returns>
    public bool Delete(string id) => database.Execute("DELETE FROM terminals WHERE id = $id", ("$id", id)) > 0;

    public int DeleteBySession(string sessionName) => database.Execute("DELETE FROM terminals WHERE tmux_session = $session", ("$session", sessionName));

    public void Touch(string id) => database.Execute("UPDATE terminals SET last_active = $now WHERE id = $id", ("$id", id), ("$now", CaoDatabase.Now()));

    public void SetShellCommand(string id, string shellCommand) =>
        database.Execute("UPDATE terminals SET shell_command = $shell WHERE id = $id", ("$id", id), ("$shell", shellCommand));

    private List<TerminalRecord> Query(string where, params (string Name, object Value)[] parameters) => database.Run(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM terminals {where}";
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var rows = new List<TerminalRecord>();
        while (reader.Read())
            rows.Add(Read(reader));
        return rows;
    });

    private static TerminalRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        SessionName = reader.GetString(1),
        WindowName = reader.GetString(2),
        Provider = reader.GetString(3),
        AgentProfile = Nullable(reader, 4),
        WorkingDirectory = Nullable(reader, 5),
        AllowedTools = Nullable(reader, 6) is { } tools ? JsonSerializer.Deserialize<List<string>>(tools) : null,
        ShellCommand = Nullable(reader, 7),
        CallerId = Nullable(reader, 8),
        Engine = Nullable(reader, 9),
        LastActive = Nullable(reader, 10),
    };

    private static string? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

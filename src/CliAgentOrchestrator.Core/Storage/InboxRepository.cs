using Microsoft.Data.Sqlite;

namespace CliAgentOrchestrator.Core.Storage;

/// <summary>
/// The <c>inbox</c> table. Delivery claims a row with one atomic UPDATE (pending → delivering)
/// before typing it, so racing triggers never deliver a message twice (Python selects, then marks,
/// and can deliver twice); then marks it <c>typing</c> right before its paste, so after a crash
/// only that one row is in doubt (see <see cref="InboxStatuses"/>).
/// </summary>
public sealed class InboxRepository(CaoDatabase database)
{
    private const string Columns = "id, sender_id, receiver_id, message, status, created_at, orchestration_type, error, delivered_at, typed_text, log_offset";

    public InboxMessage Enqueue(string senderId, string receiverId, string message, string orchestrationType) => database.Run(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO inbox (sender_id, receiver_id, message, status, created_at, orchestration_type)
            VALUES ($sender, $receiver, $message, 'pending', $now, $type)
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$sender", senderId);
        command.Parameters.AddWithValue("$receiver", receiverId);
        command.Parameters.AddWithValue("$message", message);
        command.Parameters.AddWithValue("$now", CaoDatabase.Now());
        command.Parameters.AddWithValue("$type", orchestrationType);
        return ReadAll(command).Single();
    }, write: true);

    public IReadOnlyList<InboxMessage> List(string receiverId, int limit, string? status) => database.Run<IReadOnlyList<InboxMessage>>(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inbox WHERE receiver_id = $receiver {(status is null ? "" : "AND status = $status")} ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$receiver", receiverId);
        command.Parameters.AddWithValue("$limit", limit);
        if (status is not null)
            command.Parameters.AddWithValue("$status", status);
        return ReadAll(command);
    });

    /// <summary>The latest messages of every receiver, newest first (the dashboard's message timeline).</summary>
    public IReadOnlyList<InboxMessage> ListAll(int limit, string? status) => database.Run<IReadOnlyList<InboxMessage>>(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inbox {(status is null ? "" : "WHERE status = $status")} ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        if (status is not null)
            command.Parameters.AddWithValue("$status", status);
        return ReadAll(command);
    });

    /// <summary>Claims up to <paramref name="max"/> of the oldest pending messages of <paramref name="receiverId"/>, oldest first.</summary>
    public IReadOnlyList<InboxMessage> ClaimPending(string receiverId, int max) => database.Run<IReadOnlyList<InboxMessage>>(connection =>
    {
        using var command = connection.CreateCommand();
        // One statement: two racing claims can never both take the same row.
        command.CommandText = $"""
            UPDATE inbox SET status = 'delivering'
            WHERE id IN (SELECT id FROM inbox WHERE receiver_id = $receiver AND status = 'pending' ORDER BY id LIMIT $max)
              AND status = 'pending'
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$receiver", receiverId);
        command.Parameters.AddWithValue("$max", max);
        return ReadAll(command).OrderBy(m => m.Id).ToList();
    }, write: true);

    /// <summary>
    /// The durable marker written right before a claimed message is pasted: the text as typed and
    /// where the terminal's log ended. False when the row was not claimed (nothing may be typed then).
    /// </summary>
    public bool MarkTyping(long id, string typedText, long logOffset) =>
        database.Execute("UPDATE inbox SET status = 'typing', typed_text = $text, log_offset = $offset WHERE id = $id AND status = 'delivering'",
            ("$id", id), ("$text", typedText), ("$offset", logOffset)) == 1;

    /// <summary>Rows of the receiver a delivery claimed and did not finish (claimed or being typed), oldest first.</summary>
    public IReadOnlyList<InboxMessage> Unfinished(string receiverId) => database.Run<IReadOnlyList<InboxMessage>>(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inbox WHERE receiver_id = $receiver AND status IN ('delivering', 'typing') ORDER BY id";
        command.Parameters.AddWithValue("$receiver", receiverId);
        return ReadAll(command);
    });

    public void MarkDelivered(IReadOnlyList<long> ids) =>
        UpdateMany(ids, "status = 'delivered', delivered_at = $now, error = NULL, typed_text = NULL, log_offset = NULL", ("$now", CaoDatabase.Now()));

    /// <summary>Gives claimed messages back to the queue (the receiver was not reachable for a moment).</summary>
    public void Release(IReadOnlyList<long> ids, string reason) =>
        UpdateMany(ids, "status = 'pending', error = $error, typed_text = NULL, log_offset = NULL", ("$error", reason));

    /// <summary>A plugin refused the message: it is never retried.</summary>
    public void MarkRefused(long id, string reason) => UpdateMany([id], "status = 'refused', error = $error", ("$error", reason));

    public void MarkFailed(IReadOnlyList<long> ids, string reason) =>
        UpdateMany(ids, "status = 'failed', error = $error", ("$error", reason));

    /// <summary>
    /// Marks failed those of the receiver's messages still unfinished (pending, delivering, typing), in
    /// one statement, and returns exactly those rows: two callers failing the same receiver at once
    /// (the liveness check and a delivery attempt) then announce each message once, not twice.
    /// </summary>
    public IReadOnlyList<InboxMessage> FailUnfinished(string receiverId, string reason) => database.Run<IReadOnlyList<InboxMessage>>(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE inbox SET status = 'failed', error = $error
            WHERE receiver_id = $receiver AND status IN ('pending', 'delivering', 'typing')
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$receiver", receiverId);
        command.Parameters.AddWithValue("$error", reason);
        return ReadAll(command).OrderBy(m => m.Id).ToList();
    }, write: true);

    private void UpdateMany(IReadOnlyList<long> ids, string set, params (string Name, object Value)[] parameters)
    {
        if (ids.Count == 0)
            return;
        var names = ids.Select((_, i) => $"$id{i}").ToList();
        var all = parameters.Concat(ids.Select((id, i) => (names[i], (object)id))).ToArray();
        database.Execute($"UPDATE inbox SET {set} WHERE id IN ({string.Join(", ", names)})", all);
    }

    /// <summary>
    /// Receivers with work: pending messages, or rows a delivery claimed and did not finish (a server
    /// that died, a mark that failed), which their receiver's next delivery pass recovers. Oldest first.
    /// </summary>
    public IReadOnlyList<string> ReceiversWithWork() => database.Run<IReadOnlyList<string>>(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT receiver_id FROM inbox WHERE status IN ('pending', 'delivering', 'typing') GROUP BY receiver_id ORDER BY MIN(id)";
        using var reader = command.ExecuteReader();
        var receivers = new List<string>();
        while (reader.Read())
            receivers.Add(reader.GetString(0));
        return receivers;
    });

    /// <summary>Messages not delivered, failed or refused yet (the inbox queue depth).</summary>
    public long CountPending() => database.Run(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox WHERE status IN ('pending', 'delivering', 'typing')";
        return (long)command.ExecuteScalar()!;
    });

    private static List<InboxMessage> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<InboxMessage>();
        while (reader.Read())
        {
            rows.Add(new InboxMessage
            {
                Id = reader.GetInt64(0),
                SenderId = reader.GetString(1),
                ReceiverId = reader.GetString(2),
                Message = reader.GetString(3),
                Status = reader.GetString(4),
                CreatedAt = reader.IsDBNull(5) ? null : reader.GetString(5),
                OrchestrationType = reader.IsDBNull(6) ? null : reader.GetString(6),
                Error = reader.IsDBNull(7) ? null : reader.GetString(7),
                DeliveredAt = reader.IsDBNull(8) ? null : reader.GetString(8),
                TypedText = reader.IsDBNull(9) ? null : reader.GetString(9),
                LogOffset = reader.IsDBNull(10) ? null : reader.GetInt64(10),
            });
        }
        return rows;
    }
}

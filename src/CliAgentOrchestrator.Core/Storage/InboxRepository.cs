using Microsoft.Data.Sqlite;

namespace CliAgentOrchestrator.Core.Storage;

/// <summary>
/// The <c>inbox</c> table. Delivery claims a row with one atomic UPDATE (pending → delivering)
/// before typing it, so racing triggers never deliver a message twice (Python selects, then marks,
/// and can deliver twice).
/// </summary>
public sealed class InboxRepository(CaoDatabase database)
{
    private const string Columns = "id, sender_id, receiver_id, message, status, created_at, orchestration_type, error, delivered_at";

    public InboxMessage Enqueue(string senderId, string receiverId, string message, string orchestrationType)
    {
        using var connection = database.Open();
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
    }

    public IReadOnlyList<InboxMessage> List(string receiverId, int limit, string? status)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inbox WHERE receiver_id = $receiver {(status is null ? "" : "AND status = $status")} ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$receiver", receiverId);
        command.Parameters.AddWithValue("$limit", limit);
        if (status is not null)
            command.Parameters.AddWithValue("$status", status);
        return ReadAll(command);
    }

    /// <summary>Claims up to <paramref name="max"/> of the oldest pending messages of <paramref name="receiverId"/>, oldest first.</summary>
    public IReadOnlyList<InboxMessage> ClaimPending(string receiverId, int max)
    {
        using var connection = database.Open();
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
    }

    public void MarkDelivered(IReadOnlyList<long> ids) =>
        UpdateMany(ids, "status = 'delivered', delivered_at = $now, error = NULL", ("$now", CaoDatabase.Now()));

    /// <summary>Gives claimed messages back to the queue (the receiver was not reachable for a moment).</summary>
    public void Release(IReadOnlyList<long> ids, string reason) =>
        UpdateMany(ids, "status = 'pending', error = $error", ("$error", reason));

    /// <summary>A plugin refused the message: it is never retried.</summary>
    public void MarkRefused(long id, string reason) => UpdateMany([id], "status = 'refused', error = $error", ("$error", reason));

    public void MarkFailed(IReadOnlyList<long> ids, string reason) =>
        UpdateMany(ids, "status = 'failed', error = $error", ("$error", reason));

    private void UpdateMany(IReadOnlyList<long> ids, string set, params (string Name, object Value)[] parameters)
    {
        if (ids.Count == 0)
            return;
        var names = ids.Select((_, i) => $"$id{i}").ToList();
        var all = parameters.Concat(ids.Select((id, i) => (names[i], (object)id))).ToArray();
        database.Execute($"UPDATE inbox SET {set} WHERE id IN ({string.Join(", ", names)})", all);
    }

    /// <summary>Receivers that have pending messages, oldest waiting first.</summary>
    public IReadOnlyList<string> ReceiversWithPending()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT receiver_id FROM inbox WHERE status = 'pending' GROUP BY receiver_id ORDER BY MIN(id)";
        using var reader = command.ExecuteReader();
        var receivers = new List<string>();
        while (reader.Read())
            receivers.Add(reader.GetString(0));
        return receivers;
    }

    /// <summary>
    /// At start-up: messages a previous server claimed but never finished go back to pending.
    /// A crash between typing and marking may then deliver one message twice; losing it would be worse.
    /// </summary>
    public int RequeueInterrupted() =>
        database.Execute("UPDATE inbox SET status = 'pending', error = 'requeued after a server restart' WHERE status = 'delivering'");

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
            });
        }
        return rows;
    }
}

using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.Storage;

/// <summary>One row of the <c>inbox</c> table, in the JSON shape of the Python API (plus our extra fields).</summary>
public sealed record InboxMessage
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("sender_id")] public required string SenderId { get; init; }
    [JsonPropertyName("receiver_id")] public required string ReceiverId { get; init; }
    [JsonPropertyName("message")] public required string Message { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("created_at")] public string? CreatedAt { get; init; }
    [JsonPropertyName("orchestration_type")] public string? OrchestrationType { get; init; }
    /// <summary>Why delivery failed or was refused; null otherwise.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("delivered_at")] public string? DeliveredAt { get; init; }

    /// <summary>While <c>typing</c>: the text as pre-hooks left it, looked for in the terminal's log after a crash.</summary>
    [JsonIgnore] public string? TypedText { get; init; }

    /// <summary>While <c>typing</c>: the terminal log's length just before the paste; only output after it counts.</summary>
    [JsonIgnore] public long? LogOffset { get; init; }
}

using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// The base of every CAO event. Events are immutable records: build one with an object
/// initializer (<c>new PostSendMessageEvent { Sender = "a", Receiver = "b" }</c>), which also makes
/// them easy to construct in plugin unit tests. Their JSON form uses snake_case names
/// (<c>event_type</c>, <c>session_id</c>, …); serialize with the runtime type to keep every field.
/// </summary>
public record CaoEvent
{
    /// <summary>The event type, one of the <see cref="EventTypes"/> constants.</summary>
    [JsonPropertyName("event_type")]
    public string EventType { get; init; } = "";

    /// <summary>
    /// A unique id of this event, the same wherever the event goes (every plugin, the live stream, each
    /// webhook and each of its retries), so receivers can drop duplicates. Time-ordered.
    /// </summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; init; } = "evt_" + Guid.CreateVersion7().ToString("N");

    /// <summary>When the event was created, in UTC.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The CAO session the event belongs to (the <c>cao-</c> prefixed session name), when known.</summary>
    [JsonPropertyName("session_id")]
    public string? SessionId { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the operation that caused the event, when tracing is on.</summary>
    [JsonPropertyName("traceparent")]
    public string? Traceparent { get; init; }
}

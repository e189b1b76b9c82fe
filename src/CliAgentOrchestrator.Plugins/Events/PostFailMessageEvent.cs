using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// A queued inbox message will never be delivered: its receiver was deleted or went out of service,
/// or typing it failed in a way a retry cannot fix. Fired once per message, with the reason.
/// </summary>
public sealed record PostFailMessageEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostFailMessage"/>.</summary>
    public PostFailMessageEvent() => EventType = EventTypes.PostFailMessage;

    /// <summary>The inbox message id (as in <c>GET /terminals/{id}/inbox/messages</c>).</summary>
    [JsonPropertyName("message_id")]
    public long MessageId { get; init; }

    /// <summary>The terminal id of the sender.</summary>
    [JsonPropertyName("sender")]
    public string Sender { get; init; } = "";

    /// <summary>The terminal id of the receiver.</summary>
    [JsonPropertyName("receiver")]
    public string Receiver { get; init; } = "";

    /// <summary>The message text as the sender wrote it.</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    /// <summary>How the message was sent, one of the <see cref="OrchestrationTypes"/> constants.</summary>
    [JsonPropertyName("orchestration_type")]
    public string OrchestrationType { get; init; } = "";

    /// <summary>Why it failed, as stored in the inbox row's <c>error</c>.</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";
}

using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// A message was stored in the receiver's inbox; it is typed when the receiver is ready
/// (<see cref="PostSendMessageEvent"/> then follows), or fails (<see cref="PostFailMessageEvent"/>).
/// </summary>
public sealed record PostQueueMessageEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostQueueMessage"/>.</summary>
    public PostQueueMessageEvent() => EventType = EventTypes.PostQueueMessage;

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
}

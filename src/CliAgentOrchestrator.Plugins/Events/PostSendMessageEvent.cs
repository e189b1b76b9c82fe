using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// A message was delivered to a terminal: typed into the receiver's input after it was ready.
/// Fired once per delivery, never for a message that was only queued.
/// </summary>
public sealed record PostSendMessageEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostSendMessage"/>.</summary>
    public PostSendMessageEvent() => EventType = EventTypes.PostSendMessage;

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

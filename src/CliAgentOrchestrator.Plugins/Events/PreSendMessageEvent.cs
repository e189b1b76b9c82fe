using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// A message is about to be typed into a terminal. Pre-hooks may allow it, deny it, or replace its
/// text (<see cref="HookDecision"/>); <see cref="CaoEvent.SessionId"/> is the receiver's session.
/// </summary>
public sealed record PreSendMessageEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PreSendMessage"/>.</summary>
    public PreSendMessageEvent() => EventType = EventTypes.PreSendMessage;

    /// <summary>The terminal id of the sender.</summary>
    [JsonPropertyName("sender")]
    public string Sender { get; init; } = "";

    /// <summary>The terminal id of the receiver.</summary>
    [JsonPropertyName("receiver")]
    public string Receiver { get; init; } = "";

    /// <summary>The message text; after a replacement by an earlier hook, the replaced text.</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    /// <summary>How the message is sent, one of the <see cref="OrchestrationTypes"/> constants.</summary>
    [JsonPropertyName("orchestration_type")]
    public string OrchestrationType { get; init; } = "";
}

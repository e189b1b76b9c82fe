using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>A pre-hook refused a message; it was not delivered.</summary>
public sealed record PostSendMessageDeniedEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostSendMessageDenied"/>.</summary>
    public PostSendMessageDeniedEvent() => EventType = EventTypes.PostSendMessageDenied;

    /// <summary>The terminal id of the sender.</summary>
    [JsonPropertyName("sender")]
    public string Sender { get; init; } = "";

    /// <summary>The terminal id of the receiver.</summary>
    [JsonPropertyName("receiver")]
    public string Receiver { get; init; } = "";

    /// <summary>The message as the refusing hook saw it.</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    /// <summary>How the message was to be sent, one of the <see cref="OrchestrationTypes"/> constants.</summary>
    [JsonPropertyName("orchestration_type")]
    public string OrchestrationType { get; init; } = "";

    /// <summary>The plugin that refused it.</summary>
    [JsonPropertyName("denied_by")]
    public string DeniedBy { get; init; } = "";

    /// <summary>Why, in the plugin's words.</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    /// <summary>The plugin's machine-readable code, if it gave one.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }
}

using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>A session was created (after its first terminal was created).</summary>
public sealed record PostCreateSessionEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostCreateSession"/>.</summary>
    public PostCreateSessionEvent() => EventType = EventTypes.PostCreateSession;

    /// <summary>The session name, <c>cao-</c> prefixed.</summary>
    [JsonPropertyName("session_name")]
    public string SessionName { get; init; } = "";
}

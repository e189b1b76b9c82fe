using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>A session was killed (after each of its terminals was killed).</summary>
public sealed record PostKillSessionEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostKillSession"/>.</summary>
    public PostKillSessionEvent() => EventType = EventTypes.PostKillSession;

    /// <summary>The session name, <c>cao-</c> prefixed.</summary>
    [JsonPropertyName("session_name")]
    public string SessionName { get; init; } = "";
}

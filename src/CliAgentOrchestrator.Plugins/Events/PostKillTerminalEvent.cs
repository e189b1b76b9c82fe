using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>A terminal was killed and its record deleted.</summary>
public sealed record PostKillTerminalEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostKillTerminal"/>.</summary>
    public PostKillTerminalEvent() => EventType = EventTypes.PostKillTerminal;

    /// <summary>The terminal id: 8 lowercase hex characters.</summary>
    [JsonPropertyName("terminal_id")]
    public string TerminalId { get; init; } = "";

    /// <summary>The agent profile the terminal ran, when it had one.</summary>
    [JsonPropertyName("agent_name")]
    public string? AgentName { get; init; }
}

using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>A terminal (one agent CLI in a tmux window) was created and stored.</summary>
public sealed record PostCreateTerminalEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostCreateTerminal"/>.</summary>
    public PostCreateTerminalEvent() => EventType = EventTypes.PostCreateTerminal;

    /// <summary>The terminal id: 8 lowercase hex characters.</summary>
    [JsonPropertyName("terminal_id")]
    public string TerminalId { get; init; } = "";

    /// <summary>The agent profile the terminal runs, when it has one.</summary>
    [JsonPropertyName("agent_name")]
    public string? AgentName { get; init; }

    /// <summary>The provider key, e.g. <c>claude_code</c>, <c>codex</c>, <c>kiro_cli</c>.</summary>
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";
}

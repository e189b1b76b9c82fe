using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>A terminal is about to be created. Pre-hooks may allow or deny it (<see cref="HookDecision"/>).</summary>
public sealed record PreCreateTerminalEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PreCreateTerminal"/>.</summary>
    public PreCreateTerminalEvent() => EventType = EventTypes.PreCreateTerminal;

    /// <summary>The session the terminal will belong to, <c>cao-</c> prefixed.</summary>
    [JsonPropertyName("session_name")]
    public string SessionName { get; init; } = "";

    /// <summary>The agent profile the terminal will run.</summary>
    [JsonPropertyName("agent_profile")]
    public string AgentProfile { get; init; } = "";

    /// <summary>The provider key, e.g. <c>claude_code</c>.</summary>
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    /// <summary>The directory the agent will start in.</summary>
    [JsonPropertyName("working_directory")]
    public string WorkingDirectory { get; init; } = "";

    /// <summary>The terminal asking for it (assign/handoff), if any.</summary>
    [JsonPropertyName("caller_id")]
    public string? CallerId { get; init; }
}

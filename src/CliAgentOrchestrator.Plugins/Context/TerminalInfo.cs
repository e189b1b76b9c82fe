using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>A terminal as plugins see it: one agent CLI in one tmux window.</summary>
public sealed record TerminalInfo
{
    /// <summary>The terminal id: 8 lowercase hex characters.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The CAO session (tmux session) the terminal belongs to.</summary>
    [JsonPropertyName("session_name")]
    public string SessionName { get; init; } = "";

    /// <summary>The tmux window name, <c>&lt;profile&gt;-&lt;4 hex&gt;</c>: a readable name for the agent.</summary>
    [JsonPropertyName("window_name")]
    public string WindowName { get; init; } = "";

    /// <summary>The agent profile the terminal runs, if any.</summary>
    [JsonPropertyName("agent_profile")]
    public string? AgentProfile { get; init; }

    /// <summary>The provider key, e.g. <c>claude_code</c>.</summary>
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    /// <summary>The terminal that started this one through assign or handoff, if any.</summary>
    [JsonPropertyName("caller_id")]
    public string? CallerId { get; init; }
}

using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>What is kept of a deleted terminal beside its scrollback (<c>logs/terminal/&lt;id&gt;.snapshot.json</c>).</summary>
public sealed record TerminalSnapshot
{
    [JsonPropertyName("terminal_id")] public required string TerminalId { get; init; }
    [JsonPropertyName("session_name")] public required string SessionName { get; init; }
    [JsonPropertyName("window_name")] public required string WindowName { get; init; }
    [JsonPropertyName("agent_profile")] public string? AgentProfile { get; init; }
    [JsonPropertyName("provider")] public required string Provider { get; init; }
    [JsonPropertyName("working_directory")] public string? WorkingDirectory { get; init; }
    [JsonPropertyName("allowed_tools")] public IReadOnlyList<string>? AllowedTools { get; init; }
    [JsonPropertyName("caller_id")] public string? CallerId { get; init; }
}

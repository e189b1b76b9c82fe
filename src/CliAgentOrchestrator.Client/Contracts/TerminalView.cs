using System.Text.Json.Serialization;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Client.Contracts;

/// <summary>A terminal in the JSON shape of the Python API's Terminal model (plus <c>working_directory</c>).</summary>
public sealed record TerminalView
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("provider")] public required string Provider { get; init; }
    [JsonPropertyName("session_name")] public required string SessionName { get; init; }
    [JsonPropertyName("agent_profile")] public string? AgentProfile { get; init; }
    [JsonPropertyName("caller_id")] public string? CallerId { get; init; }
    [JsonPropertyName("allowed_tools")] public IReadOnlyList<string>? AllowedTools { get; init; }
    [JsonPropertyName("engine")] public string? Engine { get; init; }
    [JsonPropertyName("shell_command")] public string? ShellCommand { get; init; }
    [JsonPropertyName("working_directory")] public string? WorkingDirectory { get; init; }
    [JsonPropertyName("group")] public IReadOnlyList<string>? Group { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [JsonPropertyName("status")] public TerminalStatus Status { get; init; }
    /// <summary>Why <see cref="Status"/> is <c>error</c> when CAO knows (window gone, tmux server gone, CLI exited); else null.</summary>
    [JsonPropertyName("status_reason")] public string? StatusReason { get; init; }
    [JsonPropertyName("last_active")] public string? LastActive { get; init; }

    public static TerminalView From(LiveTerminal terminal) => From(terminal.Record, terminal.Status, terminal.StatusReason);

    private static TerminalView From(Core.Storage.TerminalRecord record, TerminalStatus status, string? statusReason) => new()
    {
        Id = record.Id,
        Name = record.WindowName,
        Provider = record.Provider,
        SessionName = record.SessionName,
        AgentProfile = record.AgentProfile,
        CallerId = record.CallerId,
        AllowedTools = record.AllowedTools,
        Engine = record.Engine,
        ShellCommand = record.ShellCommand,
        WorkingDirectory = record.WorkingDirectory,
        Status = status,
        StatusReason = statusReason,
        LastActive = record.LastActive,
    };
}

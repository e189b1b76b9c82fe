using System.Text.Json.Serialization;
using CliAgentOrchestrator.Core.Sessions;

namespace CliAgentOrchestrator.Client.Contracts;

/// <summary>A session in the JSON shape of the Python API.</summary>
public sealed record SessionView
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary><c>active</c> when a tmux client is attached, else <c>detached</c>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("working_directory")] public string? WorkingDirectory { get; init; }
    [JsonPropertyName("agent_profile")] public string? AgentProfile { get; init; }

    public static SessionView From(SessionSummary session) => new()
    {
        Id = session.Name,
        Name = session.Name,
        Status = session.Attached ? "active" : "detached",
        WorkingDirectory = session.WorkingDirectory,
        AgentProfile = session.AgentProfile,
    };
}

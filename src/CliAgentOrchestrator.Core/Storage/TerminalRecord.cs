namespace CliAgentOrchestrator.Core.Storage;

/// <summary>One row of the <c>terminals</c> table.</summary>
public sealed record TerminalRecord
{
    public required string Id { get; init; }
    public required string SessionName { get; init; }
    public required string WindowName { get; init; }
    public required string Provider { get; init; }
    public string? AgentProfile { get; init; }
    public string? WorkingDirectory { get; init; }
    /// <summary>Allowed tools, or null for unrestricted/unknown.</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }
    public string? ShellCommand { get; init; }
    public string? CallerId { get; init; }
    public string? Engine { get; init; }
    public string? LastActive { get; init; }
}

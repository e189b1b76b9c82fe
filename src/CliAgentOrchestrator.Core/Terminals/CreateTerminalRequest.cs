namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>What a new terminal should run and where (the query and body of the Python create routes).</summary>
public sealed record CreateTerminalRequest
{
    public string? Provider { get; init; }
    public required string AgentProfile { get; init; }
    /// <summary>The session to create (new session) or to add a window to; <c>cao-</c> is prepended when missing.</summary>
    public string? SessionName { get; init; }
    public bool NewSession { get; init; }
    public string? WorkingDirectory { get; init; }
    public IReadOnlyList<string>? AllowedTools { get; init; }
    public string? CallerId { get; init; }
    public IReadOnlyDictionary<string, string>? EnvVars { get; init; }
    public string? Model { get; init; }
    /// <summary>Return before the CLI is ready; launch it (and deliver <see cref="InitialMessage"/>) in the background.</summary>
    public bool DeferInit { get; init; }
    public string? InitialMessage { get; init; }
    public string? InitialMessageOrchestrationType { get; init; }
}

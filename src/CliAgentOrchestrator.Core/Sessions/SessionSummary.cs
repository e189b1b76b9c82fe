namespace CliAgentOrchestrator.Core.Sessions;

/// <summary>A CAO session (a tmux session named <c>cao-…</c>) and what its first terminal says about it.</summary>
/// <param name="Attached">A tmux client is attached to it.</param>
public sealed record SessionSummary(string Name, bool Attached, string? WorkingDirectory, string? AgentProfile);

namespace CliAgentOrchestrator.Cli;

/// <summary>One session in <c>cao session list --json</c> (documented in docs/cli.md).</summary>
/// <param name="Name">The session name (<c>cao-…</c>).</param>
/// <param name="Status">The tmux session's status as the server reports it.</param>
/// <param name="ConductorId">The first terminal's id, or null when the session has none.</param>
/// <param name="ConductorAgent">The first terminal's agent profile.</param>
/// <param name="ConductorStatus">The first terminal's live status (idle, processing, completed, waiting_user_answer, error).</param>
/// <param name="Terminals">How many terminals the session has.</param>
internal sealed record SessionSummary(string Name, string? Status, string? ConductorId, string? ConductorAgent, string? ConductorStatus, int Terminals);

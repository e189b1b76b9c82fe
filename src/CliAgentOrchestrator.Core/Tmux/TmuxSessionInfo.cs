namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>A session as <c>list-sessions</c> reports it.</summary>
/// <param name="Name">The session name.</param>
/// <param name="Attached">Whether at least one client is attached (an operator is watching).</param>
public sealed record TmuxSessionInfo(string Name, bool Attached);

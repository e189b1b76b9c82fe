namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>Why a terminal is out of service (its status is <c>error</c> from then on).</summary>
/// <param name="Reason">One sentence, shown as <c>status_reason</c> and copied to the inbox rows it fails.</param>
/// <param name="WindowGone">The tmux window no longer exists (killed, or the tmux server died).</param>
/// <param name="KillAnnounced"><c>post_kill_terminal</c> was already published for it, so deleting it does not publish another.</param>
internal sealed record TerminalFault(string Reason, bool WindowGone, bool KillAnnounced);

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>A terminal went out of service (window or tmux server gone, CLI exited).</summary>
public sealed class TerminalFailedEventArgs(string terminalId, string reason) : EventArgs
{
    public string TerminalId { get; } = terminalId;
    public string Reason { get; } = reason;
}

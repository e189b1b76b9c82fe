using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Core.Terminals.Status;

/// <summary>A terminal's reported status moved from <see cref="Previous"/> to <see cref="Current"/>.</summary>
public sealed class TerminalStatusChangedEventArgs(string terminalId, TerminalStatus previous, TerminalStatus current) : EventArgs
{
    public string TerminalId { get; } = terminalId;

    public TerminalStatus Previous { get; } = previous;

    public TerminalStatus Current { get; } = current;

    public override string ToString() => $"{TerminalId}: {Previous} -> {Current}";
}

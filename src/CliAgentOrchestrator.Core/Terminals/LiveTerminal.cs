using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Storage;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>A stored terminal with the status its screen shows now.</summary>
/// <param name="StatusReason">Why the status is <c>error</c> when CAO knows (window gone, CLI exited); else null.</param>
public sealed record LiveTerminal(TerminalRecord Record, TerminalStatus Status, string? StatusReason = null)
{
    public string Id => Record.Id;
    public string SessionName => Record.SessionName;
}

using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Storage;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>A stored terminal with the status its screen shows now.</summary>
public sealed record LiveTerminal(TerminalRecord Record, TerminalStatus Status)
{
    public string Id => Record.Id;
    public string SessionName => Record.SessionName;
}

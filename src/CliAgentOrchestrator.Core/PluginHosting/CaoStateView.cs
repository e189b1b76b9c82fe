using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>The read-only view of CAO state handed to plugins (replaces the Python example's database import).</summary>
public sealed class CaoStateView(TerminalRepository terminals) : ICaoState
{
    public ValueTask<TerminalInfo?> GetTerminalAsync(string terminalId, CancellationToken cancellationToken = default)
    {
        if (!TerminalNames.IsValidTerminalId(terminalId) || terminals.Get(terminalId) is not { } record)
            return ValueTask.FromResult<TerminalInfo?>(null);
        return ValueTask.FromResult<TerminalInfo?>(new TerminalInfo
        {
            Id = record.Id,
            SessionName = record.SessionName,
            WindowName = record.WindowName,
            AgentProfile = record.AgentProfile,
            Provider = record.Provider,
            CallerId = record.CallerId,
        });
    }
}

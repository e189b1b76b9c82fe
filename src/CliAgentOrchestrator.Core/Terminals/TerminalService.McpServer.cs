using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.Terminals;

// Knowing when an agent's CLI can call CAO's MCP tools: `cao mcp-server` reports the first time its
// client lists them.
public sealed partial class TerminalService
{
    /// <summary>The CLI of <paramref name="terminalId"/> has listed the tools of CAO's MCP server.</summary>
    public void MarkCaoMcpConnected(string terminalId)
    {
        var runtime = RuntimeOf(Require(terminalId), allowExitedCli: true);
        if (runtime.CaoMcpConnected.TrySetResult())
            logger.LogDebug("Terminal {TerminalId}: its CLI connected CAO's MCP server", terminalId);
    }

    // A terminal is handed out (and its first task typed) once its CLI can call CAO's tools; a CLI that
    // never connects the MCP server still gets used, as an agent without those tools, after a warning.
    private async Task WaitForCaoMcpServerAsync(TerminalRuntime runtime, CancellationToken cancellationToken)
    {
        if (runtime.Provider.CaoMcpServerWait is not { } wait)
            return;
        try
        {
            await runtime.CaoMcpConnected.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Terminal {TerminalId} ({Provider}): the CLI did not connect CAO's MCP server within {Seconds:0} s; " +
                "its send_message, assign and handoff tools may be missing (see the CLI's MCP status, e.g. /mcp)",
                runtime.Record.Id, runtime.Record.Provider, wait.TotalSeconds);
        }
    }
}

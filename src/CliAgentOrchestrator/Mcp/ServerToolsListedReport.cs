using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Terminals;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Mcp;

/// <summary>The server's own MCP endpoint reports in process: the terminal it serves is marked connected at once.</summary>
public sealed class ServerToolsListedReport(TerminalService terminals, McpCaller caller, ILogger<ServerToolsListedReport> logger) : IToolsListedReport
{
    public void Send()
    {
        if (caller.TerminalId is not { } own)
            return;
        try
        {
            terminals.MarkCaoMcpConnected(own);
        }
        catch (CaoException ex)
        {
            // Deleted or out of service between the request's check and its tool listing: nobody waits for it any more.
            logger.LogDebug("Terminal {TerminalId} listed CAO's tools but cannot be marked connected: {Problem}", own, ex.Message);
        }
    }
}

using CliAgentOrchestrator.Client;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Mcp;

/// <summary><c>cao mcp-server</c>'s report: one <c>POST /terminals/{id}/mcp-connected</c>, the first time its client lists the tools.</summary>
public sealed class ToolsListedReport(CaoApiClient api, McpCaller caller, ILogger<ToolsListedReport> logger) : IToolsListedReport
{
    private int _sent;

    public void Send()
    {
        if (caller.TerminalId is not { } own || Interlocked.Exchange(ref _sent, 1) == 1)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await api.PostAsync($"/terminals/{own}/mcp-connected");
            }
            catch (Exception ex) when (ex is CaoApiException or HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Could not tell the CAO server that terminal {TerminalId} has its tools: {Problem}", own, ex.Message);
            }
        });
    }
}

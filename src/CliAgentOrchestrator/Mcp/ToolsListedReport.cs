using CliAgentOrchestrator.Client;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// Tells the CAO server, once, that this terminal's CLI has listed CAO's tools: the server waits for it
/// before it hands the terminal out, so a first task never reaches a model that cannot report back.
/// </summary>
public sealed class ToolsListedReport(CaoApiClient api, Func<string?> ownTerminalId, ILogger<ToolsListedReport> logger)
{
    private int _sent;

    /// <summary>Reports in the background; a server that cannot be reached only costs the creation its wait.</summary>
    public void Send()
    {
        if (ownTerminalId() is not { } own || Interlocked.Exchange(ref _sent, 1) == 1)
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

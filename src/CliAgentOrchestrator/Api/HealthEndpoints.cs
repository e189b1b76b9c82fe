using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// <c>GET /health</c>: the Python shape (<c>status</c>, <c>service</c>, <c>terminal_backend</c>,
/// <c>components</c>). Our components are the server itself and the tmux it drives; Python's herdr
/// and claude entries have no counterpart here. <c>storage</c> is the SQLite file: when it is gone,
/// read-only or the last write failed, the answer is 503 with <c>status: unhealthy</c>, because
/// every write the API takes would be refused.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/health", async (TmuxClient tmux, CaoDatabase database, CancellationToken cancellationToken) =>
        {
            string tmuxStatus;
            try
            {
                tmuxStatus = "ok (tmux " + await tmux.GetVersionAsync(cancellationToken) + ")";
            }
            catch (Exception ex) when (ex is TmuxCommandException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                tmuxStatus = "unavailable: " + ex.Message;
            }
            var storageFault = database.Probe() ?? database.Fault;
            return Results.Json(new
            {
                status = storageFault is null ? "ok" : "unhealthy",
                service = "cli-agent-orchestrator",
                terminal_backend = "tmux",
                components = new { cao = "ok", tmux = tmuxStatus, storage = storageFault is null ? "ok" : "unavailable: " + storageFault },
            }, statusCode: storageFault is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
}

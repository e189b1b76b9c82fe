using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// <c>GET /health</c>: the Python shape (<c>status</c>, <c>service</c>, <c>terminal_backend</c>,
/// <c>components</c>). Our components are the server itself and the tmux it drives; Python's herdr
/// and claude entries have no counterpart here.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/health", async (TmuxClient tmux, CancellationToken cancellationToken) =>
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
            return Results.Json(new
            {
                status = "ok",
                service = "cli-agent-orchestrator",
                terminal_backend = "tmux",
                components = new { cao = "ok", tmux = tmuxStatus },
            });
        });
}

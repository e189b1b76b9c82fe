using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// <c>GET /health</c>: the Python shape (<c>status</c>, <c>service</c>, <c>terminal_backend</c>,
/// <c>components</c>). Our components are the server itself and the tmux it drives; Python's herdr
/// and claude entries have no counterpart here. tmux is really contacted (its server, not just its
/// binary): a tmux server that died under live terminals makes the status <c>degraded</c>, with the
/// reason in <c>components.tmux</c>. <c>storage</c> is the SQLite file: when it is gone, read-only or
/// the last write failed, the answer is 503 with <c>status: unhealthy</c>, because every write the API
/// takes would be refused.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/health", async (TmuxClient tmux, CaoDatabase database, TerminalRepository terminalRows, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            var tmuxStatus = await TmuxStatusAsync(tmux, terminalRows, cancellationToken);
            var faults = terminals.FaultCount;
            var storageFault = database.Probe() ?? database.Fault;
            var status = storageFault is not null ? "unhealthy" : !tmuxStatus.StartsWith("ok", StringComparison.Ordinal) ? "degraded" : "ok";
            return Results.Json(new
            {
                status,
                service = "cli-agent-orchestrator",
                terminal_backend = "tmux",
                components = new
                {
                    cao = "ok",
                    tmux = tmuxStatus,
                    terminals = faults == 0 ? "ok" : $"{faults} out of service (see status_reason in GET /terminals/{{id}})",
                    storage = storageFault is null ? "ok" : "unavailable: " + storageFault,
                },
            }, statusCode: storageFault is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        })
            .WithSummary("Check the server's health")
            .WithDescription("status is ok, degraded (tmux server gone under live terminals) or unhealthy (storage unavailable, answered 503); components says which part and why.");

    private static async Task<string> TmuxStatusAsync(TmuxClient tmux, TerminalRepository terminalRows, CancellationToken cancellationToken)
    {
        Version version;
        IReadOnlyList<TmuxPaneInfo>? panes;
        try
        {
            version = await tmux.GetVersionAsync(cancellationToken);
            panes = await tmux.ListAllPanesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is TmuxCommandException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unavailable: " + ex.Message;
        }
        var socket = tmux.SocketName is { } name ? $" (socket '{name}')" : "";
        if (panes is not null)
            return $"ok (tmux {version})";
        // No server is normal before the first terminal; with terminals on record their windows died with it.
        var count = terminalRows.ListAll().Count;
        return count == 0
            ? $"ok (tmux {version}, no server running yet)"
            : $"unavailable: the tmux server{socket} is not running, so the windows of {count} terminal(s) are gone; delete them and create new ones";
    }
}

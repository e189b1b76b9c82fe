using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Dashboard;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// <c>GET /terminals/{id}/attach</c>: the dashboard's live terminal, a WebSocket (see
/// <see cref="TerminalMirrorSession"/> for the protocol and <see cref="AttachSocketGuard"/> for who may open it).
/// </summary>
public static class TerminalAttachEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/terminals/{id}/attach", async (string id, HttpContext context, TerminalService terminals, IHostApplicationLifetime lifetime, ILoggerFactory loggers) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
                throw new InvalidRequestException("GET /terminals/{id}/attach is a WebSocket: open it from the dashboard (or a WebSocket client on this machine with Origin set to this server)");
            if (AttachSocketGuard.Refusal(context) is { } refusal)
                return Results.Json(new { detail = refusal }, statusCode: StatusCodes.Status403Forbidden);
            terminals.Require(id); // 404 before the upgrade, not after
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await new TerminalMirrorSession(socket, id, terminals, loggers.CreateLogger<TerminalMirrorSession>()).RunAsync(ended.Token);
            return Results.Empty;
        })
            .WithSummary("Watch a terminal live, and type into it after taking control (WebSocket)")
            .WithDescription("The dashboard's live terminal. Loopback peers only, and the Origin must be this server's own (403 otherwise). The server sends {type: screen, cols, rows, data} whenever the visible pane changes (data: the screen as terminal output), {type: control, on}, {type: error, message} and {type: closed, message}. The client sends {type: control, on: true|false} and, only while in control, {type: keys, data} with the bytes a terminal emulator sends for the keys pressed.");
    }
}

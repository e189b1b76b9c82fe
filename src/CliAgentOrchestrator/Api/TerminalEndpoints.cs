using System.ComponentModel;
using CliAgentOrchestrator.Client.Contracts;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Terminals;
using Microsoft.AspNetCore.Mvc;

namespace CliAgentOrchestrator.Api;

/// <summary>The terminal routes of the Python server. Unknown terminals are 404 (Python answers 409 on delete).</summary>
public static class TerminalEndpoints
{
    private static readonly HashSet<string> OrchestrationTypeValues = [OrchestrationTypes.SendMessage, OrchestrationTypes.Handoff, OrchestrationTypes.Assign];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/terminals/{id}", async (string id, TerminalService terminals, CancellationToken cancellationToken) =>
            Results.Json(TerminalView.From(await terminals.GetAsync(id, cancellationToken))))
            .WithSummary("Show a terminal")
            .WithDescription("The terminal's session, window, provider, profile and live status.");

        app.MapGet("/terminals/{id}/working-directory", async (string id, TerminalService terminals, CancellationToken cancellationToken) =>
            Results.Json(new { working_directory = await terminals.GetWorkingDirectoryAsync(id, cancellationToken) }))
            .WithSummary("Show a terminal's working directory")
            .WithDescription("The current directory of the terminal's pane, as tmux reports it.");

        app.MapPost("/terminals/{id}/input", async (string id, HttpRequest request, TerminalService terminals,
            [FromQuery, Description("The text to type (or in the JSON body, better for long text)")] string? message,
            [FromQuery(Name = "sender_id"), Description("The sending terminal's id, for the post_send_message event")] string? senderId,
            [FromQuery(Name = "orchestration_type"), Description("send_message, handoff or assign")] string? orchestrationType, CancellationToken cancellationToken) =>
        {
            // Python takes everything in the query string; a JSON body is accepted too so long text stays out of URLs.
            var body = await RequestReading.OptionalBodyAsync<InputBody>(request, cancellationToken);
            var text = RequestReading.Required(message ?? body?.Message, "message");
            var type = orchestrationType ?? body?.OrchestrationType;
            if (type is not null && !OrchestrationTypeValues.Contains(type))
                throw new InvalidParameterException($"orchestration_type must be one of {string.Join(", ", OrchestrationTypeValues)}");
            await terminals.SendInputAsync(id, text, senderId ?? body?.SenderId, type, cancellationToken);
            return Results.Json(new { success = true });
        })
            .WithSummary("Type a message into a terminal")
            .WithDescription("Screens the message with the pre_send_message hooks (403 when a plugin denies it), types it and fires post_send_message. Parameters in the query string (as Python) or a JSON body {message, sender_id, orchestration_type}.");

        app.MapPost("/terminals/{id}/key", async (string id, [FromQuery, Description("A tmux key name, e.g. Enter, Escape, C-c")] string? key, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            await terminals.SendKeyAsync(id, RequestReading.Required(key, "key"), cancellationToken);
            return Results.Json(new { success = true });
        })
            .WithSummary("Send one key to a terminal")
            .WithDescription("Sends a single named key (not text) to the terminal's pane.");

        app.MapGet("/terminals/{id}/output", async (string id, [FromQuery, Description("full (the whole screen history, default) or last (the last answer only)")] string? mode, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            var chosen = mode ?? "full";
            return Results.Json(new { output = await terminals.GetOutputAsync(id, chosen, cancellationToken), mode = chosen });
        })
            .WithSummary("Read a terminal's output")
            .WithDescription("The terminal's screen history, or with mode=last the agent's last answer as the provider extracts it.");

        app.MapPost("/terminals/{id}/exit", async (string id, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            await terminals.ExitAsync(id, cancellationToken);
            return Results.Json(new { success = true });
        })
            .WithSummary("Ask a terminal's CLI to exit")
            .WithDescription("Types the provider's exit command; the terminal stays on record until deleted.");

        // `cao mcp-server` reports that the terminal's CLI has listed CAO's tools; creation waits for it.
        app.MapPost("/terminals/{id}/mcp-connected", (string id, TerminalService terminals) =>
        {
            terminals.MarkCaoMcpConnected(id);
            return Results.Json(new { success = true });
        })
            .WithSummary("Report that a terminal's CLI has CAO's MCP tools")
            .WithDescription("Called by cao mcp-server the first time its client lists the tools; creating an agent whose CLI starts cao-mcp-server waits for it (at most 30 s).");

        app.MapDelete("/terminals/{id}", async (string id, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            await terminals.DeleteAsync(id, cancellationToken);
            return Results.Json(new { success = true });
        })
            .WithSummary("Delete a terminal")
            .WithDescription("Kills the terminal's tmux window and removes it from the database; fires post_kill_terminal.");
    }

    private sealed record InputBody(string? Message, string? SenderId, string? OrchestrationType);
}

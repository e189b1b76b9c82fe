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
            Results.Json(TerminalView.From(await terminals.GetAsync(id, cancellationToken))));

        app.MapGet("/terminals/{id}/working-directory", async (string id, TerminalService terminals, CancellationToken cancellationToken) =>
            Results.Json(new { working_directory = await terminals.GetWorkingDirectoryAsync(id, cancellationToken) }));

        app.MapPost("/terminals/{id}/input", async (string id, HttpRequest request, TerminalService terminals,
            [FromQuery] string? message, [FromQuery(Name = "sender_id")] string? senderId,
            [FromQuery(Name = "orchestration_type")] string? orchestrationType, CancellationToken cancellationToken) =>
        {
            // Python takes everything in the query string; a JSON body is accepted too so long text stays out of URLs.
            var body = await RequestReading.OptionalBodyAsync<InputBody>(request, cancellationToken);
            var text = RequestReading.Required(message ?? body?.Message, "message");
            var type = orchestrationType ?? body?.OrchestrationType;
            if (type is not null && !OrchestrationTypeValues.Contains(type))
                throw new InvalidParameterException($"orchestration_type must be one of {string.Join(", ", OrchestrationTypeValues)}");
            await terminals.SendInputAsync(id, text, senderId ?? body?.SenderId, type, cancellationToken);
            return Results.Json(new { success = true });
        });

        app.MapPost("/terminals/{id}/key", async (string id, [FromQuery] string? key, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            await terminals.SendKeyAsync(id, RequestReading.Required(key, "key"), cancellationToken);
            return Results.Json(new { success = true });
        });

        app.MapGet("/terminals/{id}/output", async (string id, [FromQuery] string? mode, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            var chosen = mode ?? "full";
            return Results.Json(new { output = await terminals.GetOutputAsync(id, chosen, cancellationToken), mode = chosen });
        });

        app.MapPost("/terminals/{id}/exit", async (string id, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            await terminals.ExitAsync(id, cancellationToken);
            return Results.Json(new { success = true });
        });

        // `cao mcp-server` reports that the terminal's CLI has listed CAO's tools; creation waits for it.
        app.MapPost("/terminals/{id}/mcp-connected", (string id, TerminalService terminals) =>
        {
            terminals.MarkCaoMcpConnected(id);
            return Results.Json(new { success = true });
        });

        app.MapDelete("/terminals/{id}", async (string id, TerminalService terminals, CancellationToken cancellationToken) =>
        {
            await terminals.DeleteAsync(id, cancellationToken);
            return Results.Json(new { success = true });
        });
    }

    private sealed record InputBody(string? Message, string? SenderId, string? OrchestrationType);
}

using CliAgentOrchestrator.Terminals;

namespace CliAgentOrchestrator.Api;

/// <summary><c>POST /terminals/run-step</c>: start a worker, give it one task, wait for its answer (what <c>handoff</c> uses).</summary>
public static class RunStepEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/terminals/run-step", async (HttpRequest request, RunStepService runner, CancellationToken cancellationToken) =>
        {
            var body = await RequestReading.OptionalBodyAsync<RunStepRequest>(request, cancellationToken)
                ?? throw ApiException.Invalid("A JSON body with at least 'agent' and 'prompt' is required");
            return Results.Json(await runner.RunAsync(body, cancellationToken));
        });
}

using CliAgentOrchestrator.Client.Contracts;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Orchestration;

namespace CliAgentOrchestrator.Api;

/// <summary><c>POST /terminals/run-step</c>: start a worker, give it one task, wait for its answer (what <c>handoff</c> uses).</summary>
public static class RunStepEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/terminals/run-step", async (HttpRequest request, RunStepService runner, CancellationToken cancellationToken) =>
        {
            var body = await RequestReading.OptionalBodyAsync<RunStepRequest>(request, cancellationToken)
                ?? throw new InvalidParameterException("A JSON body with at least 'agent' and 'prompt' is required");
            var result = await runner.RunAsync(new RunStep
            {
                Agent = RequestReading.Required(body.Agent, "agent"),
                Prompt = RequestReading.Required(body.Prompt, "prompt"),
                Provider = body.Provider,
                SessionName = body.SessionName,
                Teardown = body.Teardown,
                TimeoutSeconds = body.Timeout,
                WorkingDirectory = body.WorkingDirectory,
                CallerId = body.CallerId,
                AllowedTools = body.AllowedTools,
                Model = body.Model,
            }, cancellationToken);
            return Results.Json(new RunStepResponse { TerminalId = result.TerminalId, LastMessage = result.LastMessage });
        })
            .WithSummary("Run one task on a new worker and wait for its answer")
            .WithDescription("Starts a worker terminal for agent, sends prompt, waits until it completes (timeout in seconds) and returns its last message; what handoff uses. JSON body: agent, prompt, provider, session_name, teardown, timeout, working_directory, caller_id, allowed_tools, model.");
}

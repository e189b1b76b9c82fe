using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Sessions;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Core.Orchestration;

/// <summary>
/// One step of work by a fresh worker: create it, type the prompt, wait until it completes, read its
/// answer, tear it down. Unlike Python, the worker's creation, the prompt and the teardown all reach
/// plugins (<c>post_create_terminal</c>, <c>post_send_message</c> of type <c>handoff</c>, <c>post_kill_terminal</c>).
/// </summary>
public sealed class RunStepService(TerminalService terminals, SessionService sessions, ILogger<RunStepService> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int IdleConfirmations = 3;

    /// <exception cref="WorkerFailedException">The worker errored or did not answer in time.</exception>
    /// <exception cref="DeniedException">A plugin refused the worker or its task.</exception>
    public async Task<RunStepResult> RunAsync(RunStep request, CancellationToken cancellationToken)
    {
        // One span from the worker's creation to its answer; with the MCP server's trace context it
        // continues the supervisor's tool call, so a handoff is one trace.
        using var span = CaoTelemetry.Source.StartActivity(CaoTelemetry.Spans.Handoff);
        span?.SetTag(CaoTelemetry.Attributes.AgentProfile, request.Agent);
        span?.SetTag(CaoTelemetry.Attributes.Sender, request.CallerId);
        try
        {
            var result = await RunUntracedAsync(request, cancellationToken);
            span?.SetTag(CaoTelemetry.Attributes.TerminalId, result.TerminalId);
            return result;
        }
        catch (Exception ex)
        {
            CaoTelemetry.Fail(span, ex);
            throw;
        }
    }

    private async Task<RunStepResult> RunUntracedAsync(RunStep request, CancellationToken cancellationToken)
    {
        var agent = RequireText(request.Agent, "agent");
        var prompt = RequireText(request.Prompt, "prompt");
        if (request.TimeoutSeconds is < 1 or > 3600)
            throw new InvalidParameterException("timeout must be between 1 and 3600 seconds");
        if (request.CallerId is { } caller)
            TerminalNames.RequireTerminalId(caller);

        terminals.CheckMessage(prompt); // before a worker is started for it
        var workingDirectory = request.WorkingDirectory
            ?? (request.CallerId is { } id ? await terminals.GetWorkingDirectoryAsync(id, cancellationToken) : null);
        var create = new CreateTerminalRequest
        {
            AgentProfile = agent,
            Provider = request.Provider,
            SessionName = request.SessionName,
            WorkingDirectory = workingDirectory,
            AllowedTools = request.AllowedTools,
            CallerId = request.CallerId,
            Model = request.Model,
        };
        var worker = request.SessionName is null
            ? await sessions.CreateAsync(create, cancellationToken)
            : await terminals.CreateAsync(create, cancellationToken);

        try
        {
            await terminals.SendInputAsync(worker.Id, prompt, request.CallerId ?? "supervisor", OrchestrationTypes.Handoff, cancellationToken);
        }
        catch (DeniedException)
        {
            await terminals.DeleteAsync(worker.Id, cancellationToken); // a worker with no task has nothing to do
            throw;
        }
        var outcome = await WaitForAnswerAsync(worker.Id, TimeSpan.FromSeconds(request.TimeoutSeconds), cancellationToken);
        if (outcome == TerminalStatus.Error)
            throw new WorkerFailedException(WorkerFailure.Error, worker.Id, $"Worker {worker.Id} ({agent}) reported an error");
        if (outcome != TerminalStatus.Completed)
            throw new WorkerFailedException(WorkerFailure.Timeout, worker.Id, $"Worker {worker.Id} ({agent}) did not finish within {request.TimeoutSeconds}s; it was left running");

        var answer = await terminals.GetOutputAsync(worker.Id, "last", cancellationToken);
        if (request.Teardown)
            await TearDownAsync(worker.Id, cancellationToken);
        return new RunStepResult(worker.Id, answer);
    }

    private static string RequireText(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidParameterException($"Query parameter '{name}' is required") : value;

    // Completed, or idle several polls in a row after work was seen; error; or unknown at the deadline.
    private async Task<TerminalStatus> WaitForAnswerAsync(string terminalId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var sawWork = false;
        var idleStreak = 0;
        while (DateTime.UtcNow < deadline)
        {
            var status = await terminals.RefreshStatusAsync(terminalId, cancellationToken);
            switch (status)
            {
                case TerminalStatus.Completed:
                    return status;
                case TerminalStatus.Error:
                    return status;
                case TerminalStatus.Processing or TerminalStatus.WaitingUserAnswer:
                    sawWork = true;
                    idleStreak = 0;
                    break;
                case TerminalStatus.Idle when sawWork && ++idleStreak >= IdleConfirmations:
                    return TerminalStatus.Completed;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        return TerminalStatus.Unknown;
    }

    private async Task TearDownAsync(string terminalId, CancellationToken cancellationToken)
    {
        try
        {
            await terminals.ExitAsync(terminalId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Exit command for worker {TerminalId} failed; deleting it anyway", terminalId);
        }
        await terminals.DeleteAsync(terminalId, cancellationToken);
    }
}

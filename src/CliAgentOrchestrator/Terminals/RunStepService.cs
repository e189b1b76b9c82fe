using CliAgentOrchestrator.Api;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Providers;
using CliAgentOrchestrator.Sessions;

namespace CliAgentOrchestrator.Terminals;

/// <summary>
/// One step of work by a fresh worker: create it, type the prompt, wait until it completes, read its
/// answer, tear it down. Unlike Python, the worker's creation, the prompt and the teardown all reach
/// plugins (<c>post_create_terminal</c>, <c>post_send_message</c> of type <c>handoff</c>, <c>post_kill_terminal</c>).
/// </summary>
public sealed class RunStepService(TerminalService terminals, SessionService sessions, ILogger<RunStepService> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int IdleConfirmations = 3;

    public async Task<object> RunAsync(RunStepRequest request, CancellationToken cancellationToken)
    {
        var agent = RequestReading.Required(request.Agent, "agent");
        var prompt = RequestReading.Required(request.Prompt, "prompt");
        if (request.Timeout is < 1 or > 3600)
            throw ApiException.Invalid("timeout must be between 1 and 3600 seconds");
        if (request.CallerId is { } caller)
            TerminalNames.RequireTerminalId(caller);

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
        var outcome = await WaitForAnswerAsync(worker.Id, TimeSpan.FromSeconds(request.Timeout), cancellationToken);
        if (outcome != TerminalStatus.Completed)
        {
            var (status, kind, message) = outcome == TerminalStatus.Error
                ? (StatusCodes.Status502BadGateway, "error", $"Worker {worker.Id} ({agent}) reported an error")
                : (StatusCodes.Status504GatewayTimeout, "timeout", $"Worker {worker.Id} ({agent}) did not finish within {request.Timeout}s; it was left running");
            throw new ApiException(status, message, new { message, kind, terminal_id = worker.Id });
        }

        var answer = await terminals.GetOutputAsync(worker.Id, "last", cancellationToken);
        if (request.Teardown)
            await TearDownAsync(worker.Id, cancellationToken);
        return new { terminal_id = worker.Id, last_message = answer, status = "completed" };
    }

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

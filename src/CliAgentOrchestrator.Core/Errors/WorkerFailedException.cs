namespace CliAgentOrchestrator.Core.Errors;

/// <summary>A worker given one step of work (handoff) errored or did not finish in time.</summary>
public sealed class WorkerFailedException(WorkerFailure kind, string terminalId, string message) : CaoException(message)
{
    public WorkerFailure Kind { get; } = kind;

    /// <summary>The worker's terminal; a timed-out worker is left running so its work is not lost.</summary>
    public string TerminalId { get; } = terminalId;
}

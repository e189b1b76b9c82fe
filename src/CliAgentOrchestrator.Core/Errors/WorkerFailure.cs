namespace CliAgentOrchestrator.Core.Errors;

/// <summary>How a worker failed its step.</summary>
public enum WorkerFailure
{
    /// <summary>The worker's CLI reported an error.</summary>
    Error,

    /// <summary>The worker did not finish before the step's timeout.</summary>
    Timeout,
}

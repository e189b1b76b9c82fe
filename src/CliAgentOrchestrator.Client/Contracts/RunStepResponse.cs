namespace CliAgentOrchestrator.Client.Contracts;

/// <summary>The answer of <c>POST /terminals/run-step</c>: the worker and its last message.</summary>
public sealed record RunStepResponse
{
    public required string TerminalId { get; init; }
    public required string LastMessage { get; init; }

    /// <summary>Always <c>completed</c>; a worker that errored or timed out is an error answer instead.</summary>
    public string Status { get; init; } = "completed";
}

namespace CliAgentOrchestrator.Client.Contracts;

/// <summary>The JSON body of <c>POST /terminals/run-step</c> (what the handoff tool sends).</summary>
public sealed record RunStepRequest
{
    public string? Provider { get; init; }
    public string? Agent { get; init; }
    public string? Prompt { get; init; }
    public string? SessionName { get; init; }
    public bool Teardown { get; init; } = true;
    public int Timeout { get; init; } = 600;
    public string? WorkingDirectory { get; init; }
    public string? CallerId { get; init; }
    public IReadOnlyList<string>? AllowedTools { get; init; }
    public string? Model { get; init; }
}

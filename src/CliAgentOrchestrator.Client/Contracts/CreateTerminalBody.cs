namespace CliAgentOrchestrator.Client.Contracts;

/// <summary>The optional JSON body of <c>POST /sessions</c> and <c>POST /sessions/{name}/terminals</c>.</summary>
public sealed record CreateTerminalBody
{
    public Dictionary<string, string>? EnvVars { get; init; }
    public string? InitialMessage { get; init; }
    public string? InitialMessageOrchestrationType { get; init; }
}

namespace CliAgentOrchestrator.Cli;

/// <summary>The parsed arguments of <c>cao launch</c>.</summary>
internal sealed record LaunchRequest(
    string Profile, string? Provider, string? SessionName, string? Message, string WorkingDirectory,
    bool Yolo, bool AutoApprove, string[] AllowedTools, Dictionary<string, string> Env);

namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>What <c>cao install</c> wrote.</summary>
/// <param name="Name">The installed profile's name.</param>
/// <param name="StorePath"><c>&lt;home&gt;/agent-store/&lt;name&gt;.md</c> when installed from a file; null for a name already known.</param>
/// <param name="ContextPath"><c>&lt;home&gt;/agent-context/&lt;name&gt;.md</c>.</param>
/// <param name="KiroAgentPath">The kiro agent JSON.</param>
public sealed record InstallResult(string Name, string? StorePath, string ContextPath, string KiroAgentPath);

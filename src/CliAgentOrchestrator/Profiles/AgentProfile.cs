namespace CliAgentOrchestrator.Profiles;

/// <summary>
/// An agent profile: markdown with YAML frontmatter; the body is the system prompt.
/// Placeholder until the profile parser lands; fields follow the Python frontmatter names.
/// </summary>
public sealed record AgentProfile
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string? Provider { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<string>? AllowedTools { get; init; }
    public IReadOnlyDictionary<string, McpServerConfig> McpServers { get; init; } = new Dictionary<string, McpServerConfig>();
    public string? Model { get; init; }
    public string SystemPrompt { get; init; } = "";
    public double? ProviderInitTimeout { get; init; }
}

/// <summary>One entry of a profile's <c>mcpServers</c> map.</summary>
public sealed record McpServerConfig
{
    public string? Type { get; init; }
    public string Command { get; init; } = "";
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public double? Timeout { get; init; }
}

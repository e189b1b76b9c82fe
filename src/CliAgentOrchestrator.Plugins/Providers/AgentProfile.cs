namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// An agent profile: markdown with YAML frontmatter; the body is the system prompt (reference §9).
/// Fields the core acts on are typed; everything else stays reachable through <see cref="Frontmatter"/>
/// so provider-native writers (the kiro agent JSON) can pass it through untouched.
/// Parse with the core's profile parser; find with its profile store.
/// </summary>
public sealed record AgentProfile
{
    /// <summary>Frontmatter <c>name</c>, else the file stem.</summary>
    public required string Name { get; init; }

    /// <summary>One line for listings; empty when absent.</summary>
    public string Description { get; init; } = "";

    /// <summary>Preferred provider key (e.g. <c>claude_code</c>), if the profile names one.</summary>
    public string? Provider { get; init; }

    /// <summary><c>supervisor</c>, <c>developer</c> or <c>reviewer</c>: picks default tools when <see cref="AllowedTools"/> is absent.</summary>
    public string? Role { get; init; }

    /// <summary>Frontmatter <c>allowedTools</c>; null when absent (role defaults apply).</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>Frontmatter <c>mcpServers</c>: name → server. CAO injects none itself.</summary>
    public IReadOnlyDictionary<string, McpServerConfig> McpServers { get; init; } = new Dictionary<string, McpServerConfig>();

    /// <summary>Model override for the CLI.</summary>
    public string? Model { get; init; }

    /// <summary>The markdown body after the frontmatter.</summary>
    public string SystemPrompt { get; init; } = "";

    /// <summary>Frontmatter <c>prompt</c> (kiro's agent prompt field); used when the body is empty.</summary>
    public string? Prompt { get; init; }

    /// <summary>Frontmatter <c>provider_init_timeout</c> in seconds.</summary>
    public double? ProviderInitTimeout { get; init; }

    /// <summary>Claude Code <c>--permission-mode</c> value.</summary>
    public string? PermissionMode { get; init; }

    /// <summary>Provider-native agent to launch instead of decomposing this profile (<c>native_agent</c>).</summary>
    public string? NativeAgent { get; init; }

    /// <summary>Codex <c>--profile</c> used when not running unrestricted.</summary>
    public string? CodexProfile { get; init; }

    /// <summary>Extra Codex <c>-c key=value</c> settings.</summary>
    public IReadOnlyDictionary<string, object?> CodexConfig { get; init; } = new Dictionary<string, object?>();

    /// <summary>Claude Code settings such as <c>effort</c> and <c>fallbackModel</c>.</summary>
    public IReadOnlyDictionary<string, object?> ClaudeConfig { get; init; } = new Dictionary<string, object?>();

    /// <summary>Kiro engine (<c>v2</c>, <c>kas</c>).</summary>
    public string? Engine { get; init; }

    /// <summary>Free-form labels.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Every frontmatter field after <c>${VAR}</c> substitution, as plain values
    /// (string, bool, long, double, null, lists and string-keyed dictionaries).</summary>
    public IReadOnlyDictionary<string, object?> Frontmatter { get; init; } = new Dictionary<string, object?>();

    /// <summary>The prompt to give the CLI: the body, else the frontmatter <c>prompt</c>.</summary>
    public string EffectiveSystemPrompt => !string.IsNullOrWhiteSpace(SystemPrompt) ? SystemPrompt : Prompt ?? "";
}

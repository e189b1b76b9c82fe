namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>What a provider instance is created for: one terminal running one agent profile.</summary>
/// <param name="TerminalId">8 lowercase hex characters.</param>
/// <param name="SessionName">The tmux session, <c>cao-</c> prefixed.</param>
/// <param name="WindowName">The tmux window, <c>&lt;profile&gt;-&lt;4 hex&gt;</c>.</param>
/// <param name="Profile">The agent profile, or null when none was found.</param>
/// <param name="AllowedTools">Allowed tools, or null for unrestricted/unknown.</param>
/// <param name="HomeDirectory">CAO's home (<c>CAO_HOME_DIR</c>); temp files go to <c>&lt;home&gt;/tmp</c>.</param>
/// <param name="Model">Model override, if any.</param>
/// <param name="AgentProfileName">The profile name asked for; kept when <paramref name="Profile"/> is null so
/// providers can still pass it to a CLI that knows its own agents (<c>--agent &lt;name&gt;</c>).</param>
/// <param name="ConfiguredInitTimeout">The server-wide init timeout (<c>CAO_PROVIDER_INIT_TIMEOUT</c>); the profile's wins.</param>
/// <param name="OperatorVariables">The variables the operator set for this agent's window (<c>env_vars</c> of the
/// session and the request); providers must not unset or override them. Null when unknown (reattach).</param>
public sealed record ProviderContext(
    string TerminalId,
    string SessionName,
    string WindowName,
    AgentProfile? Profile,
    IReadOnlyList<string>? AllowedTools,
    string HomeDirectory,
    string? Model = null,
    string? AgentProfileName = null,
    TimeSpan? ConfiguredInitTimeout = null,
    IReadOnlyDictionary<string, string>? OperatorVariables = null)
{
    /// <summary>
    /// How the agent reaches this server (CAO_API_HOST, CAO_API_PORT and the like): variables the
    /// <c>cao-mcp-server</c> entry gets, whatever environment the CLI starts MCP servers with.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConnectionVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// CAO's MCP endpoint for this terminal over Streamable HTTP (<c>http://127.0.0.1:9889/terminals/&lt;id&gt;/mcp</c>),
    /// which a CLI that speaks HTTP is given instead of starting <c>cao mcp-server</c>; null when the server
    /// runs with <c>CAO_MCP_TRANSPORT=stdio</c> (see <see cref="McpServers.ForTerminal"/>).
    /// </summary>
    public string? CaoMcpUrl { get; init; }

    /// <summary>The agent's name: the profile's, else the requested one, else the window name without its suffix.</summary>
    public string AgentName =>
        Profile?.Name ?? AgentProfileName ?? (WindowName.LastIndexOf('-') is > 0 and var dash ? WindowName[..dash] : WindowName);
}

namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>One documented setting: its configuration key, the environment variable that sets it, and its form.</summary>
/// <param name="Key">The configuration key (<c>Section:Property</c>); in settings.json the same path in any case (<c>"inbox": {"batchSize": 20}</c>).</param>
/// <param name="Variable">The environment variable, named as in the Python original.</param>
/// <param name="Kind">What a valid value looks like.</param>
/// <param name="Option">The command-line option that overrides it, if any (for error messages).</param>
public sealed record CaoSetting(string Key, string Variable, SettingKind Kind, string? Option = null)
{
    /// <summary>
    /// Whether an agent's <c>cao mcp-server</c> needs this setting to reach and talk to this server: the
    /// server hands the value it runs with to every agent window and MCP server entry, because agent CLIs
    /// start MCP servers with an environment of their own (see <see cref="AgentConnection"/>).
    /// </summary>
    public bool ReachesAgents { get; init; }
}

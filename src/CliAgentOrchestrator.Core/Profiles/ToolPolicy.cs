namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>
/// Which tools an agent may use (reference §3.1): an explicit list wins, else the profile's
/// <c>allowedTools</c>, else its role's defaults plus <c>@&lt;server&gt;</c> for each of its MCP servers.
/// <c>*</c> means unrestricted.
/// </summary>
public static class ToolPolicy
{
    /// <summary>Anything goes.</summary>
    public const string Unrestricted = "*";

    private static readonly string[] Supervisor = ["@cao-mcp-server", "fs_read", "fs_list"];
    private static readonly string[] Reviewer = ["@builtin", "fs_read", "fs_list", "@cao-mcp-server"];
    private static readonly string[] Developer = ["@builtin", "fs_*", "execute_bash", "web_fetch", "@cao-mcp-server"];

    /// <summary>The built-in defaults of <paramref name="role"/> (developer when unknown or absent).</summary>
    public static IReadOnlyList<string> ForRole(string? role) => role?.ToLowerInvariant() switch
    {
        "supervisor" => Supervisor,
        "reviewer" => Reviewer,
        _ => Developer,
    };

    /// <summary>The effective allow-list for a terminal.</summary>
    public static IReadOnlyList<string> Resolve(AgentProfile? profile, IReadOnlyList<string>? explicitTools = null)
    {
        if (explicitTools is { Count: > 0 }) return explicitTools;
        if (profile?.AllowedTools is { } listed) return listed;
        var tools = new List<string>(ForRole(profile?.Role));
        foreach (var server in profile?.McpServers.Keys ?? [])
            if (!tools.Contains("@" + server)) tools.Add("@" + server);
        return tools;
    }
}

namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>
/// Whether a terminal's allow-list (see <see cref="ToolPolicy"/>) lets its agent call a plugin tool.
/// Plugin tools are tools of CAO's own MCP server, so the same words apply: <c>*</c> and
/// <c>@cao-mcp-server</c> allow them all, <c>@cao-mcp-server/&lt;name&gt;</c> or the bare
/// <c>&lt;name&gt;</c> allows one, a trailing <c>*</c> (<c>askhuman_*</c>) allows a plugin's tools, and a
/// leading <c>!</c> (<c>!askhuman_ask</c>, <c>!askhuman_*</c>) denies, winning over any allow. CAO
/// itself enforces this (the tool is neither listed nor callable), so it holds for every provider,
/// not only for those whose CLI has a permission flag.
/// </summary>
public static class PluginToolPolicy
{
    private const string ServerEntry = "@" + CliAgentOrchestrator.Plugins.Providers.McpServers.CaoServerName;

    /// <summary>Whether <paramref name="allowedTools"/> (null: unrestricted) allows the tool <paramref name="name"/>.</summary>
    public static bool Allows(IReadOnlyList<string>? allowedTools, string name)
    {
        if (allowedTools is null)
            return true;
        if (allowedTools.Any(entry => entry.StartsWith('!') && Matches(entry[1..], name)))
            return false;
        return allowedTools.Any(entry => entry is ToolPolicy.Unrestricted or ServerEntry || Matches(entry, name));
    }

    private static bool Matches(string entry, string name)
    {
        if (entry.StartsWith(ServerEntry + "/", StringComparison.Ordinal))
            entry = entry[(ServerEntry.Length + 1)..];
        return entry.EndsWith('*') ? entry.Length > 1 && name.StartsWith(entry[..^1], StringComparison.Ordinal) : entry == name;
    }
}

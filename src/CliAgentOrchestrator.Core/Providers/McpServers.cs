using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>Prepares a profile's MCP servers for one terminal.</summary>
public static class McpServers
{
    /// <summary>The MCP server every orchestrating profile lists to reach CAO.</summary>
    public const string CaoServerName = "cao-mcp-server";

    /// <summary>The variable that tells <c>cao-mcp-server</c> which terminal it serves.</summary>
    public const string TerminalIdVariable = "CAO_TERMINAL_ID";

    /// <summary>
    /// The profile's servers with <c>CAO_TERMINAL_ID</c> added to each env (the MCP server learns
    /// "who am I" only from it); the CAO server's entry also gets the connection variables (host, port,
    /// home, MCP options — <see cref="ProviderContext.ConnectionVariables"/>) unless the profile sets them
    /// itself, and its bare command resolved to an absolute path: CLIs start MCP servers with their own,
    /// sometimes trimmed, environment and PATH.
    /// </summary>
    public static IReadOnlyDictionary<string, McpServerConfig> ForTerminal(ProviderContext context, string? pathVariable = null)
    {
        var result = new SortedDictionary<string, McpServerConfig>(StringComparer.Ordinal);
        if (context.Profile is null) return result;
        foreach (var (name, server) in context.Profile.McpServers)
        {
            var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in server.Env) env[key] = value;
            if (name == CaoServerName)
            {
                foreach (var (key, value) in context.ConnectionVariables)
                    env.TryAdd(key, value);
            }
            env[TerminalIdVariable] = context.TerminalId;
            var command = server.Command;
            if (name == CaoServerName && !Path.IsPathRooted(command) && ExecutableLocator.Find(command, pathVariable) is { } absolute)
                command = absolute;
            result[name] = server with { Command = command, Env = env };
        }
        return result;
    }
}

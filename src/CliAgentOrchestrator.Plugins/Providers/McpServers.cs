
namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>Prepares a profile's MCP servers for one terminal.</summary>
public static class McpServers
{
    /// <summary>The MCP server every orchestrating profile lists to reach CAO.</summary>
    public const string CaoServerName = "cao-mcp-server";

    /// <summary>The variable that tells <c>cao-mcp-server</c> which terminal it serves.</summary>
    public const string TerminalIdVariable = "CAO_TERMINAL_ID";

    /// <summary>The command the built-in profiles name for CAO's MCP server (<c>cao mcp-server</c>).</summary>
    public const string CaoExecutable = "cao";

    /// <summary>
    /// The profile's servers with <c>CAO_TERMINAL_ID</c> added to each env (the MCP server learns
    /// "who am I" only from it); the CAO server's entry also gets the connection variables (host, port,
    /// home, MCP options — <see cref="ProviderContext.ConnectionVariables"/>) unless the profile sets them
    /// itself, and its bare command resolved to an absolute path: CLIs start MCP servers with their own,
    /// sometimes trimmed, environment and PATH. A bare <c>cao</c> that is not on PATH (a server run from
    /// source) becomes the running cao itself (<paramref name="self"/>, default <see cref="CaoSelfCommand.Current"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, McpServerConfig> ForTerminal(ProviderContext context, string? pathVariable = null, CaoSelfCommand? self = null)
    {
        self ??= CaoSelfCommand.Current;
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
            var args = server.Args;
            if (name == CaoServerName && !Path.IsPathRooted(command))
            {
                if (ExecutableLocator.Find(command, pathVariable) is { } absolute)
                    command = absolute;
                else if (command == CaoExecutable && self is not null)
                    (command, args) = (self.Command, [.. self.Arguments, .. server.Args]);
            }
            result[name] = server with { Command = command, Args = args, Env = env };
        }
        return result;
    }
}


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

    /// <summary>The same server under its Python console-script name (<c>cao-mcp-server</c>, no arguments).</summary>
    private const string CaoMcpExecutable = "cao-mcp-server";

    /// <summary>
    /// The profile's servers with <c>CAO_TERMINAL_ID</c> added to each env (the MCP server learns
    /// "who am I" only from it); the CAO server's entry also gets the connection variables (host, port,
    /// home, MCP options — <see cref="ProviderContext.ConnectionVariables"/>) unless the profile sets them
    /// itself, and its bare command resolved to an absolute path: CLIs start MCP servers with their own,
    /// sometimes trimmed, environment and PATH. A bare <c>cao</c> that is not on PATH (a server run from
    /// source) becomes the running cao itself (<paramref name="self"/>, default <see cref="CaoSelfCommand.Current"/>).
    /// <para>
    /// With <paramref name="cliSpeaksHttp"/>, CAO's entry becomes the server's own endpoint for this terminal
    /// (<see cref="ProviderContext.CaoMcpUrl"/>, type <c>http</c>, no process) when it would start CAO's own server
    /// (<c>cao mcp-server</c> or <c>cao-mcp-server</c>) and the profile gives it no environment of its own: the CLI
    /// then lists CAO's tools without waiting for a .NET process to start. An entry with its own <c>env</c> (a
    /// request timeout, sender-id notes) or another program (the Python server) stays as written.
    /// </para>
    /// </summary>
    public static IReadOnlyDictionary<string, McpServerConfig> ForTerminal(ProviderContext context, string? pathVariable = null, CaoSelfCommand? self = null, bool cliSpeaksHttp = false)
    {
        self ??= CaoSelfCommand.Current;
        var result = new SortedDictionary<string, McpServerConfig>(StringComparer.Ordinal);
        if (context.Profile is null) return result;
        foreach (var (name, server) in context.Profile.McpServers)
        {
            if (cliSpeaksHttp && name == CaoServerName && context.CaoMcpUrl is { } url && StartsCaoMcpServer(server))
            {
                result[name] = new McpServerConfig { Type = "http", Url = url, Timeout = server.Timeout };
                continue;
            }
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

    // `cao mcp-server` or `cao-mcp-server`, by name or by path, with nothing of its own in the environment.
    private static bool StartsCaoMcpServer(McpServerConfig server)
    {
        if (server.Env.Count > 0) return false;
        var program = Path.GetFileName(server.Command);
        return (program == CaoExecutable && server.Args is [McpServerArgument])
            || (program == CaoMcpExecutable && server.Args.Count == 0);
    }

    private const string McpServerArgument = "mcp-server";
}

using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>
/// How an agent reaches this server: the values this server runs with for every setting marked
/// <see cref="CaoSetting.ReachesAgents"/> (home, host, port, MCP options), as environment variables.
/// They go into every agent window and into the <c>cao-mcp-server</c> entry the agent's CLI starts, so
/// the MCP server talks to this server even when the port came from <c>--port</c> or settings.json and
/// the CLI starts MCP servers with a stripped environment (Codex does).
/// </summary>
public sealed record AgentConnection(IReadOnlyDictionary<string, string> Variables)
{
    /// <summary><c>CAO_MCP_TRANSPORT</c>: agents whose CLI speaks Streamable HTTP reach the server's own MCP endpoint (the default).</summary>
    public const string HttpTransport = "http";

    /// <summary><c>CAO_MCP_TRANSPORT</c>: every agent's CLI starts <c>cao mcp-server</c> over stdio, as in the Python original.</summary>
    public const string StdioTransport = "stdio";

    /// <summary>The port the server listens on when nothing sets one (the Python server's).</summary>
    public const int DefaultPort = 9889;

    /// <summary>No variables: an agent falls back to the defaults.</summary>
    public static AgentConnection None { get; } = new(new Dictionary<string, string>());

    /// <summary>
    /// Where this server is reached from an agent's CLI (<c>http://host:port</c>, loopback for a server bound
    /// to every interface), when agents may reach CAO's MCP tools over HTTP; null under <c>CAO_MCP_TRANSPORT=stdio</c>.
    /// </summary>
    public string? McpBaseUrl { get; init; }

    /// <summary>The MCP endpoint that acts for <paramref name="terminalId"/> (cao-server maps <c>/terminals/{id}/mcp</c>); null when agents use stdio.</summary>
    public string? McpUrlFor(string terminalId) => McpBaseUrl is null ? null : $"{McpBaseUrl}/terminals/{terminalId}/mcp";

    /// <summary>The variables for the settings <paramref name="configuration"/> sets; the home is always its effective root.</summary>
    public static AgentConnection From(IConfiguration configuration, string homeRoot)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in CaoSettings.All.Where(s => s.ReachesAgents))
        {
            if (configuration[setting.Key] is { Length: > 0 } value)
                variables[setting.Variable] = AsVariable(setting, value);
        }
        variables[CaoSettings.Home.Variable] = homeRoot;
        // Tracing settings travel too, so the agent's cao-mcp-server exports to the same collector
        // and a handoff is one trace from the supervisor's tool call to the worker's answer.
        foreach (var (name, value) in OpenTelemetryVariables())
            variables.TryAdd(name, value);
        return new AgentConnection(variables) { McpBaseUrl = McpBaseUrlOf(configuration) };
    }

    private static string? McpBaseUrlOf(IConfiguration configuration)
    {
        if (configuration[CaoSettings.McpTransport.Key] == StdioTransport)
            return null;
        var host = configuration[CaoSettings.ApiHost.Key] is { Length: > 0 } configured ? configured : "127.0.0.1";
        if (host is "0.0.0.0" or "::")
            host = "127.0.0.1";
        else if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
            host = $"[{host}]";
        var port = configuration[CaoSettings.ApiPort.Key] is { Length: > 0 } setPort ? setPort : DefaultPort.ToString(CultureInfo.InvariantCulture);
        return $"http://{host}:{port}";
    }

    /// <summary>The process's <c>OTEL_*</c> variables (the OpenTelemetry SDK reads them from the environment, not from CAO's settings).</summary>
    public static IEnumerable<KeyValuePair<string, string>> OpenTelemetryVariables() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string name && name.StartsWith("OTEL_", StringComparison.Ordinal) && e.Value is string)
            .Select(e => new KeyValuePair<string, string>((string)e.Key, (string)e.Value!));

    // The configuration holds durations as TimeSpan text ("00:00:30"); the variable takes seconds. (A bare
    // "30" would parse as thirty days, hence the colon check.)
    private static string AsVariable(CaoSetting setting, string value) =>
        setting.Kind == SettingKind.PositiveSeconds && value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration)
            ? duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)
            : value;
}

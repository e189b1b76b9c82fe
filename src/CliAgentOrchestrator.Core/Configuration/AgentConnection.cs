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
    /// <summary>No variables: an agent falls back to the defaults.</summary>
    public static AgentConnection None { get; } = new(new Dictionary<string, string>());

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
        return new AgentConnection(variables);
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

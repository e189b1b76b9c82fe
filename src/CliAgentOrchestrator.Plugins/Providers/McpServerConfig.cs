namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>One entry of a profile's <c>mcpServers</c> map.</summary>
public sealed record McpServerConfig
{
    /// <summary>Transport, usually <c>stdio</c>; <c>http</c> with <see cref="Url"/>; null when unspecified.</summary>
    public string? Type { get; init; }

    /// <summary>
    /// The endpoint of a Streamable HTTP server; null for a program to start. Only CAO's own entry gets one
    /// (<see cref="McpServers.ForTerminal"/>), and only for a provider whose CLI speaks HTTP.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>The program to start (stdio servers).</summary>
    public string Command { get; init; } = "";

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Extra environment for the server process.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Tool-call timeout as written in the profile (kiro reads milliseconds).</summary>
    public double? Timeout { get; init; }
}

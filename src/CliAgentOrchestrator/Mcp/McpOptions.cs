namespace CliAgentOrchestrator.Mcp;

/// <summary><c>cao mcp-server</c>'s settings, bound from the <c>Mcp</c> section of the configuration.</summary>
public sealed record McpOptions
{
    public const string Section = "Mcp";

    /// <summary>
    /// Per-request timeout towards cao-server (<c>CAO_MCP_REQUEST_TIMEOUT</c>, seconds). The HTTP client
    /// never uses less than an hour and three minutes, because handoff waits up to an hour for its worker.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether messages get the "Message from terminal …" notes (<c>CAO_ENABLE_SENDER_ID_INJECTION</c>).</summary>
    public bool SenderIdInjection { get; init; } = true;
}

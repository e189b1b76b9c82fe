namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// The terminal CAO's MCP tools act for: read from <c>CAO_TERMINAL_ID</c> by <c>cao mcp-server</c>, from the
/// request's path by the server's own MCP endpoint. Null when the caller is no CAO terminal (the tools
/// that need one say so; handoff works without).
/// </summary>
public sealed class McpCaller(Func<string?> terminalId)
{
    public string? TerminalId => terminalId();
}

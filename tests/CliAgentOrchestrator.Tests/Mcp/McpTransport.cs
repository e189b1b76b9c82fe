namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>How a test's agent reaches CAO's MCP tools.</summary>
public enum McpTransport
{
    /// <summary>A <c>cao mcp-server</c> process over stdio, with <c>CAO_TERMINAL_ID</c> in its environment.</summary>
    Stdio,

    /// <summary>The server's own endpoint over Streamable HTTP: <c>/terminals/{id}/mcp</c>, or <c>/mcp</c> for no terminal.</summary>
    Http,
}

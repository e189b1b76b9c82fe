using System.CommandLine;
using CliAgentOrchestrator.Mcp;

namespace CliAgentOrchestrator.Cli;

/// <summary><c>cao mcp-server</c> (also <c>cao-mcp-server</c>): the stdio MCP server an agent CLI runs inside a CAO terminal.</summary>
public static class McpServerCommand
{
    public static Command Create()
    {
        var command = new Command("mcp-server", "Run the in-session MCP server over stdio (started by agent CLIs)");
        command.SetAction((_, cancellationToken) => McpServerHost.RunAsync(cancellationToken));
        return command;
    }
}

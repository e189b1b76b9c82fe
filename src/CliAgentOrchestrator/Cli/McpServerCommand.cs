using System.CommandLine;
using CliAgentOrchestrator.Mcp;

namespace CliAgentOrchestrator.Cli;

/// <summary><c>cao mcp-server</c> (also <c>cao-mcp-server</c>): the stdio MCP server an agent CLI runs inside a CAO terminal.</summary>
public static class McpServerCommand
{
    public const string Name = "mcp-server";

    public static Command Create(CliContext context)
    {
        var command = new Command(Name, "Run the in-session MCP server over stdio (started by agent CLIs)");
        // Stdout carries the protocol; the runner writes its one-line errors to stderr only.
        CliAction.Set(command, context, (_, _, cancellationToken) => McpServerHost.RunAsync(cancellationToken));
        return command;
    }
}

using System.CommandLine;
using CliAgentOrchestrator.Cli.Plugins;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// The whole <c>cao</c> command tree, built in one place from one <see cref="CliContext"/>. Program.cs
/// runs it and the tests run the very same tree, so a command wired here is a command tested there.
/// </summary>
public static class CaoRootCommand
{
    public const string Description = "CAO, the CLI Agent Orchestrator: run AI coding CLIs as cooperating agents in tmux";

    public static RootCommand Build(CliContext context) =>
        new(Description)
        {
            ServerCommand.Create(context),
            McpServerCommand.Create(context),
            PluginCommand.Create(context),
            LaunchCommand.Create(context),
            ShutdownCommand.Create(context),
            InstallCommand.Create(context),
            InfoCommand.Create(context),
            SessionCommand.Create(context),
            EventsCommand.Create(context),
            CompletionCommand.Create(context),
            PluginHostCommand.Create(),
        };

    /// <summary>
    /// The tree that runs <paramref name="args"/>: the whole one, except for a bare <c>cao mcp-server</c>,
    /// which gets a root holding that command alone. Every agent CLI starts an MCP server and the agent is
    /// handed out only once it has listed its tools; building the other commands (their options, their
    /// code compiled on first use) cost about 20 ms of CPU there. Anything else on the line (<c>--help</c>,
    /// a typo) still gets the whole tree and its usual answer.
    /// </summary>
    public static RootCommand For(string[] args, CliContext context) =>
        args is [McpServerCommand.Name] ? new(Description) { McpServerCommand.Create(context) } : Build(context);
}

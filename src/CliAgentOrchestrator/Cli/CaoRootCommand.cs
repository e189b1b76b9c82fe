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
}

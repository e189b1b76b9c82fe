using System.CommandLine;
using CliAgentOrchestrator.Cli;
using CliAgentOrchestrator.Cli.Plugins;

// `cao-server` and `cao-mcp-server` are the same program under another name (a symlink or copy):
// they behave as `cao server` and `cao mcp-server`, like the Python console scripts.
var invokedAs = Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs()[0]);
if (invokedAs == "cao-server")
    args = ["server", .. args];
else if (invokedAs == "cao-mcp-server")
    args = ["mcp-server", .. args];

var cli = CliContext.FromEnvironment();
var root = new RootCommand("CAO, the CLI Agent Orchestrator: run AI coding CLIs as cooperating agents in tmux")
{
    ServerCommand.Create(),
    McpServerCommand.Create(),
    PluginCommand.Create(),
    LaunchCommand.Create(cli),
    ShutdownCommand.Create(cli),
    InstallCommand.Create(cli),
    InfoCommand.Create(cli),
    SessionCommand.Create(cli),
};
return await root.Parse(args).InvokeAsync();

using CliAgentOrchestrator.Cli;

// `cao-server` and `cao-mcp-server` are the same program under another name (a symlink or copy):
// they behave as `cao server` and `cao mcp-server`, like the Python console scripts.
var invokedAs = Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs()[0]);
if (invokedAs == "cao-server")
    args = ["server", .. args];
else if (invokedAs == "cao-mcp-server")
    args = ["mcp-server", .. args];

return await CaoRootCommand.Build(CliContext.FromEnvironment()).Parse(args).InvokeAsync();

using CliAgentOrchestrator.Cli;
using CliAgentOrchestrator.Core.Configuration;

// `cao-server` and `cao-mcp-server` are the same program under another name (a symlink or copy):
// they behave as `cao server` and `cao mcp-server`, like the Python console scripts.
var invokedAs = Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs()[0]);
if (invokedAs == "cao-server")
    args = ["server", .. args];
else if (invokedAs == "cao-mcp-server")
    args = ["mcp-server", .. args];

// settings.json < environment: read and checked once, so a bad value stops every command with one line.
CliContext cli;
try
{
    cli = CliContext.FromConfiguration(CaoConfiguration.FromProcess());
}
catch (CaoConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 1;
}

return await CaoRootCommand.Build(cli).Parse(args).InvokeAsync();

using CliAgentOrchestrator.Cli;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting.Installation;

// `cao-server` and `cao-mcp-server` are the same program under another name (a symlink or copy):
// they behave as `cao server` and `cao mcp-server`, like the Python console scripts.
var invokedAs = Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs()[0]);
if (invokedAs == "cao-server")
    args = ["server", .. args];
else if (invokedAs == "cao-mcp-server")
    args = [McpServerCommand.Name, .. args];

// An isolated plugin's child: straight to the runner (no configuration, no output but the protocol).
if (args is [PluginHostCommand.Name, ..])
    return await PluginHostCommand.RunAsync(args);

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

// An installed cao keeps the SDK package it carries in the feed under its home, so projects from
// `dotnet new cao-plugin` restore it. Best effort: the plugin commands that need it check again and say why.
try
{
    PluginSdkPackage.Bundled()?.EnsureInFeed(cli.Home);
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
}

return await CaoRootCommand.For(args, cli).Parse(args).InvokeAsync();

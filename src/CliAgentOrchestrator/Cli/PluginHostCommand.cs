using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Isolation;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// <c>cao plugin-host --plugin &lt;folder&gt;</c> (hidden): the child process an isolated plugin runs in,
/// started by the server. Stdin/stdout carry docs/plugin-protocol.md; nothing else may write to stdout.
/// </summary>
public static class PluginHostCommand
{
    public const string Name = "plugin-host";

    public static Command Create()
    {
        var folder = new Option<string>("--plugin") { Description = "The plugin folder", Required = true };
        var parent = new Option<int?>("--parent-pid") { Description = "Exit when this process is gone" };
        var command = new Command(Name, "Host one isolated plugin over stdio (started by the server)") { folder, parent };
        command.Hidden = true;
        command.SetAction((parse, _) => PluginRunner.RunAsync(parse.GetValue(parent)));
        return command;
    }

    /// <summary>Runs the command without the rest of the CLI: no configuration read, nothing written to stdout, a fast start.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand { Create() };
        return root.Parse(args).InvokeAsync();
    }
}

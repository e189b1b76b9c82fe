using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin new &lt;Name&gt;</c>: the same files as <c>dotnet new cao-plugin -n &lt;Name&gt;</c>.</summary>
public static class PluginNewCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Project and class name, a C# identifier such as MyPlugin" };
        var output = new Option<string?>("--output", "-o") { Description = "Folder to create (default ./<name>)" };
        var sdk = new Option<string?>("--sdk") { Description = "For work on CAO itself: CliAgentOrchestrator.Plugins.csproj or a folder with CliAgentOrchestrator.Plugins.dll (default: the CliAgentOrchestrator.Plugins package this cao carries)" };
        var pluginName = new Option<string?>("--plugin-name") { Description = "Entry-point name shown in the server log (default: name in snake_case)" };
        var provider = new Option<bool>("--provider") { Description = "Also add a provider for a made-up agent CLI, with tests against captured screens, to adapt to yours" };
        var command = new Command("new", "Create a plugin project with tests, like `dotnet new cao-plugin`") { name, output, sdk, pluginName, provider };
        CliAction.Set(command, context, (parse, console) =>
        {
            var projectName = parse.GetValue(name)!;
            var folder = Path.GetFullPath(parse.GetValue(output) ?? projectName);
            var (reference, note) = PluginSdkLocator.ForNewPlugin(context.Home, parse.GetValue(sdk));
            PluginScaffolder.Create(projectName, folder, reference, parse.GetValue(pluginName), parse.GetValue(provider));
            var entry = parse.GetValue(pluginName) ?? PluginScaffolder.SnakeCase(projectName);
            var sdkText = reference.IsPackage ? $"{PluginSdkPackage.PackageId} {reference.PackageVersion} from {reference.PackageFeed}" : reference.Path!;
            if (note is not null)
                console.Error.WriteLine(note);
            console.Markup.MarkupLine($"Created plugin [bold]{CliConsole.Safe(entry)}[/] in {CliConsole.Safe(folder)} (SDK: {CliConsole.Safe(sdkText)})");
            console.Markup.MarkupLine($"Next: [bold]cd {CliConsole.Safe(folder)} && dotnet test[/], then [bold]cao plugin install {CliConsole.Safe(Path.Combine(folder, projectName))}[/]");
            return 0;
        });
        return command;
    }
}

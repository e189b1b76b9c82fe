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
        var sdk = new Option<string?>("--sdk") { Description = "CliAgentOrchestrator.Plugins.csproj or a folder with CliAgentOrchestrator.Plugins.dll (default: the SDK this cao runs with)" };
        var pluginName = new Option<string?>("--plugin-name") { Description = "Entry-point name shown in the server log (default: name in snake_case)" };
        var command = new Command("new", "Create a plugin project with tests, like `dotnet new cao-plugin`") { name, output, sdk, pluginName };
        CliAction.Set(command, context, (parse, console) =>
        {
            var projectName = parse.GetValue(name)!;
            var folder = Path.GetFullPath(parse.GetValue(output) ?? projectName);
            var sdkPath = parse.GetValue(sdk) is { } given
                ? PluginSdkLocator.Validate(given)
                : PluginSdkLocator.Find() ?? throw new InstallationException("Cannot find the CAO plugin SDK next to cao; pass --sdk <path to CliAgentOrchestrator.Plugins.csproj or its dll folder>");
            PluginScaffolder.Create(projectName, folder, sdkPath, parse.GetValue(pluginName));
            var entry = parse.GetValue(pluginName) ?? PluginScaffolder.SnakeCase(projectName);
            console.Markup.MarkupLine($"Created plugin [bold]{CliConsole.Safe(entry)}[/] in {CliConsole.Safe(folder)} (SDK: {CliConsole.Safe(sdkPath)})");
            console.Markup.MarkupLine($"Next: [bold]cd {CliConsole.Safe(folder)} && dotnet test[/], then [bold]cao plugin install {CliConsole.Safe(Path.Combine(folder, projectName))}[/]");
            return 0;
        });
        return command;
    }
}

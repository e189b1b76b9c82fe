using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin new &lt;Name&gt;</c>: the same files as <c>dotnet new cao-plugin -n &lt;Name&gt;</c>.</summary>
public static class PluginNewCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "Project and class name, a C# identifier such as MyPlugin" };
        var output = new Option<string?>("--output", "-o") { Description = "Folder to create (default ./<name>)" };
        var sdk = new Option<string?>("--sdk") { Description = "CliAgentOrchestrator.Plugins.csproj or a folder with CliAgentOrchestrator.Plugins.dll (default: the SDK this cao runs with)" };
        var pluginName = new Option<string?>("--plugin-name") { Description = "Entry-point name shown in the server log (default: name in snake_case)" };
        var command = new Command("new", "Create a plugin project with tests, like `dotnet new cao-plugin`") { name, output, sdk, pluginName };
        command.SetAction(parse => UserErrors.Run(environment, () =>
        {
            var projectName = parse.GetValue(name)!;
            var folder = Path.GetFullPath(parse.GetValue(output) ?? projectName);
            var sdkPath = parse.GetValue(sdk) is { } given
                ? PluginSdkLocator.Validate(given)
                : PluginSdkLocator.Find() ?? throw new InstallationException("Cannot find the CAO plugin SDK next to cao; pass --sdk <path to CliAgentOrchestrator.Plugins.csproj or its dll folder>");
            PluginScaffolder.Create(projectName, folder, sdkPath, parse.GetValue(pluginName));
            var entry = parse.GetValue(pluginName) ?? PluginScaffolder.SnakeCase(projectName);
            environment.Out.MarkupLine($"Created plugin [bold]{UserErrors.Safe(entry)}[/] in {UserErrors.Safe(folder)} (SDK: {UserErrors.Safe(sdkPath)})");
            environment.Out.MarkupLine($"Next: [bold]cd {UserErrors.Safe(folder)} && dotnet test[/], then [bold]cao plugin install {UserErrors.Safe(Path.Combine(folder, projectName))}[/]");
            return 0;
        }));
        return command;
    }
}

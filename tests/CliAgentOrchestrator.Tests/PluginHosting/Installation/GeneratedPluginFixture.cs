using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.PluginHosting.Installation;

/// <summary>
/// Generates one plugin, HelloWorld, twice: with <c>dotnet new cao-plugin</c> from the repository's
/// template (installed into a private template hive, never the user's) and with <c>cao plugin new</c>'s
/// scaffolder. Shared by the tests of a class because every <c>dotnet</c> call is slow.
/// </summary>
public class GeneratedPluginFixture : IAsyncLifetime
{
    public const string Name = "HelloWorld";

    private readonly TempDirectory _root = new();
    private readonly string _name;
    private readonly bool _provider;

    public GeneratedPluginFixture()
        : this(Name, provider: false)
    {
    }

    /// <param name="name">The project name.</param>
    /// <param name="provider">Whether to generate with <c>--provider</c>.</param>
    protected GeneratedPluginFixture(string name, bool provider)
    {
        _name = name;
        _provider = provider;
    }

    public string FromDotnetNew => Path.Combine(_root.Path, "dotnet-new");

    public string FromCao => Path.Combine(_root.Path, "cao-new");

    /// <summary>The test's output folder holds CliAgentOrchestrator.Plugins.dll: building against it needs no SDK build.</summary>
    public static string Sdk => AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);

    public static string TemplateFolder
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var template = Path.Combine(directory.FullName, "templates", "content", "cao-plugin");
                if (Directory.Exists(template))
                    return template;
            }
            throw new DirectoryNotFoundException("templates/content/cao-plugin not found above the test output");
        }
    }

    public async Task InitializeAsync()
    {
        var hive = Path.Combine(_root.Path, "hive");
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(_root.Path, "cli-home") };
        await DotnetCommand.RunAsync(["new", "install", TemplateFolder, "--debug:custom-hive", hive], _root.Path, environment);
        string[] options = _provider ? ["--provider"] : [];
        await DotnetCommand.RunAsync(["new", "cao-plugin", "-n", _name, "-o", FromDotnetNew, "--sdk", Sdk, "--sdk-version", PluginSdkLocator.CurrentVersion, .. options, "--debug:custom-hive", hive], _root.Path, environment);
        PluginScaffolder.Create(_name, FromCao, PluginSdkReference.AtPath(Sdk, PluginSdkLocator.CurrentVersion), provider: _provider);
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}

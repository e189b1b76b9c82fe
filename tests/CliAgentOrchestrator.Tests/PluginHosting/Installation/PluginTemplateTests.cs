using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.PluginHosting.Installation;

public sealed class PluginTemplateTests(GeneratedPluginFixture plugin) : IClassFixture<GeneratedPluginFixture>
{
    private static readonly TimeSpan DotnetTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void CaoPluginNewWritesExactlyWhatDotnetNewWrites()
    {
        var fromTemplate = Files(plugin.FromDotnetNew);
        var fromCao = Files(plugin.FromCao);

        Assert.Equal(
            [
                "Directory.Build.props", "HelloWorld.slnx", "HelloWorld/HelloWorld.cs", "HelloWorld/HelloWorld.csproj", "HelloWorld/NoteArguments.cs",
                "HelloWorld/PluginEntryPoint.cs", "README.md", "env.template",
                "tests/HelloWorld.Tests/HelloWorld.Tests.csproj", "tests/HelloWorld.Tests/HelloWorldTests.cs", "tests/HelloWorld.Tests/ListLogger.cs",
            ],
            fromTemplate.Keys);
        Assert.Equal(fromTemplate, fromCao);
        Assert.Contains("[assembly: CaoPlugin(\"hello_world\", typeof(Cao.HelloWorld.HelloWorld))]", fromTemplate["HelloWorld/PluginEntryPoint.cs"]);
        Assert.Contains("CAO_PLUGIN_HELLO_WORLD_LOG_FILE=", fromTemplate["env.template"]);
        Assert.Contains($">{GeneratedPluginFixture.Sdk}</CaoPluginSdk>", fromTemplate["Directory.Build.props"]);
    }

    [Fact]
    public async Task GeneratedPluginInstallsFromItsProjectAndLoads()
    {
        await using var bed = new PluginTestBed();
        var logFile = Path.Combine(bed.HomeDirectory, "hello.log");
        File.WriteAllText(Path.Combine(bed.HomeDirectory, "settings.json"), $$"""{ "plugins": { "hello_world": { "log_file": "{{logFile}}" } } }""");
        var progress = new List<string>();

        var result = await new PluginInstaller(bed.HomeDirectory).InstallAsync(
            Path.Combine(plugin.FromCao, GeneratedPluginFixture.Name), progress: new SynchronousProgress(progress)).WaitAsync(DotnetTimeout);

        Assert.Equal(Path.Combine(bed.PluginsDirectory, "HelloWorld"), result.Folder);
        Assert.Equal(["hello_world"], result.EntryPoints);
        Assert.StartsWith("Publishing ", progress[0]);
        Assert.DoesNotContain(Directory.GetFiles(result.Folder), f => Path.GetFileName(f) == "CliAgentOrchestrator.Plugins.dll");

        var host = await bed.StartAsync();
        Assert.Contains("Loaded CAO plugin: hello_world", bed.Logs.Messages(LogLevel.Information));
        host.Publish(new PostCreateSessionEvent { SessionName = "cao-demo" });
        await Poll.UntilAsync(() => bed.Logs.Messages().Contains("[cao] session cao-demo created"), "the generated plugin logged the event");
        await host.StopAsync();
        Assert.Equal(["[cao] session cao-demo created"], File.ReadAllLines(logFile));
    }

    [Fact]
    public async Task GeneratedTestsPassOutOfTheBox()
    {
        var output = await DotnetCommand.RunAsync(["test", plugin.FromDotnetNew], plugin.FromDotnetNew, timeout: DotnetTimeout);

        Assert.Contains("Passed!", output);
        Assert.Contains("Failed:     0", output);
    }

    // Generated files only: the other tests of the class build these folders (bin/, obj/).
    internal static SortedDictionary<string, string> Files(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (path: f, relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => !f.relative.Split('/').Any(part => part is "bin" or "obj"))
            .ToDictionary(f => f.relative, f => File.ReadAllText(f.path)), StringComparer.Ordinal);

    // Progress<T> posts to the thread pool; the test wants the lines in order, as they come.
    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
                lines.Add(value);
        }
    }
}

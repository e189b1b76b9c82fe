using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.PluginHosting.Installation;

/// <summary>The template's opt-in provider: <c>--provider</c> on <c>dotnet new cao-plugin</c> and <c>cao plugin new</c>.</summary>
public sealed class PluginTemplateProviderTests(GeneratedProviderPluginFixture plugin) : IClassFixture<GeneratedProviderPluginFixture>
{
    private const string Key = "echo_agent";
    private static readonly TimeSpan DotnetTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void CaoPluginNewWithProviderWritesExactlyWhatDotnetNewWrites()
    {
        var fromTemplate = PluginTemplateTests.Files(plugin.FromDotnetNew);
        var fromCao = PluginTemplateTests.Files(plugin.FromCao);

        Assert.Equal(
            [
                "Directory.Build.props", "EchoAgent.slnx", "EchoAgent/EchoAgent.cs", "EchoAgent/EchoAgent.csproj", "EchoAgent/EchoAgentProvider.cs",
                "EchoAgent/NoteArguments.cs", "EchoAgent/PluginEntryPoint.cs", "README.md", "env.template",
                "tests/EchoAgent.Tests/EchoAgent.Tests.csproj", "tests/EchoAgent.Tests/EchoAgentProviderTests.cs", "tests/EchoAgent.Tests/EchoAgentTests.cs",
                "tests/EchoAgent.Tests/ListLogger.cs", "tests/EchoAgent.Tests/Screens/completed.txt", "tests/EchoAgent.Tests/Screens/error.txt",
                "tests/EchoAgent.Tests/Screens/idle.txt", "tests/EchoAgent.Tests/Screens/processing.txt",
            ],
            fromTemplate.Keys);
        Assert.Equal(fromTemplate, fromCao);
        Assert.Contains($"[assembly: CaoProvider(\"{Key}\", typeof(Cao.EchoAgent.EchoAgentProvider)", fromTemplate["EchoAgent/EchoAgentProvider.cs"]);
        Assert.Contains("## Provider", fromTemplate["README.md"]);
        Assert.DoesNotContain("#if", fromTemplate["README.md"]);
        Assert.Contains("Screens/*.txt", fromTemplate["tests/EchoAgent.Tests/EchoAgent.Tests.csproj"]);
        Assert.DoesNotContain("#endif", fromTemplate["tests/EchoAgent.Tests/EchoAgent.Tests.csproj"]);
    }

    [Fact]
    public async Task GeneratedProviderTestsPassOutOfTheBox()
    {
        var output = await DotnetCommand.RunAsync(["test", plugin.FromDotnetNew, "--logger", "console;verbosity=normal"], plugin.FromDotnetNew, timeout: DotnetTimeout);

        Assert.Contains("Test Run Successful.", output);
        Assert.DoesNotContain("  Failed ", output);
        // The provider's tests ran too, each captured screen included (the screens reached the test output).
        Assert.Contains("Passed Cao.EchoAgent.Tests.EchoAgentProviderTests.ExtractsTheLastAnswer", output);
        Assert.Equal(4, output.Split('\n').Count(l => l.Contains("Passed Cao.EchoAgent.Tests.EchoAgentProviderTests.ReadsTheStatusOfEachCapturedScreen", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GeneratedProviderIsRegisteredWhenTheInstalledPluginLoads()
    {
        await using var bed = new PluginTestBed { Providers = new ProviderCatalog() };

        var result = await new PluginInstaller(bed.HomeDirectory).InstallAsync(Path.Combine(plugin.FromCao, GeneratedProviderPluginFixture.ProjectName)).WaitAsync(DotnetTimeout);
        await bed.StartAsync();
        var provider = bed.Providers.Create(Key, new ProviderContext("a1b2c3d4", "cao-test", "developer-0001", null, null, bed.HomeDirectory));

        Assert.Equal([Key], result.EntryPoints);
        Assert.Contains(Key, bed.Providers.Keys);
        Assert.Contains(bed.Logs.Messages(LogLevel.Information), m => m.StartsWith($"Registered provider '{Key}' from ", StringComparison.Ordinal));
        Assert.Equal(Key, provider.Key);
        Assert.Equal(TerminalStatus.Idle, provider.GetStatus("echo_agent 1.0 - type /exit to quit\n> \n"));
    }
}

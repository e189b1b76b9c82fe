using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.PluginHosting.Installation;

public sealed class NupkgInstallTests
{
    private const string Recorder = "Cao.TestPlugins.Recorder";

    private static string RecorderDll => Path.Combine(PluginTestBed.BuiltPluginFolder(Recorder), Recorder + ".dll");

    private static string OtherDll => Path.Combine(AppContext.BaseDirectory, "CliAgentOrchestrator.Plugins.dll");

    [Fact]
    public async Task PackageInstallsItsBestLibFolderAndLoads()
    {
        await using var bed = new PluginTestBed();
        using var packages = new TempDirectory();
        var package = TestPackages.Create(Path.Combine(packages.Path, "recorder.1.0.0.nupkg"), "Recorder", ["CliAgentOrchestrator.Plugins"], new Dictionary<string, string>
        {
            ["lib/net8.0/Old.dll"] = OtherDll,
            [$"lib/net10.0/{Recorder}.dll"] = RecorderDll,
            ["lib/net99.0/Future.dll"] = OtherDll,
        });

        var result = await new PluginInstaller(bed.HomeDirectory).InstallAsync(package);

        Assert.Equal(Path.Combine(bed.PluginsDirectory, Recorder), result.Folder);
        Assert.Equal([$"{Recorder}.dll"], Directory.GetFiles(result.Folder).Select(Path.GetFileName));
        await bed.StartAsync();
        Assert.Contains("Loaded CAO plugin: recorder", bed.Logs.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task PackageWithDependenciesBeyondTheSdkIsRefused()
    {
        using var home = new TempDirectory();
        var package = TestPackages.Create(Path.Combine(home.Path, "deps.nupkg"), "Deps", ["CliAgentOrchestrator.Plugins", "Newtonsoft.Json"], new Dictionary<string, string>
        {
            [$"lib/net10.0/{Recorder}.dll"] = RecorderDll,
        });

        var error = await Assert.ThrowsAsync<InstallationException>(() => new PluginInstaller(home.Path).InstallAsync(package));

        Assert.Equal($"{package} depends on Newtonsoft.Json, which a package install cannot bring along; install the plugin from its project instead (cao plugin install <project folder>)", error.Message);
    }

    [Fact]
    public async Task PackageWithoutACompatibleFrameworkIsRefused()
    {
        using var home = new TempDirectory();
        var package = TestPackages.Create(Path.Combine(home.Path, "future.nupkg"), "Future", [], new Dictionary<string, string>
        {
            [$"lib/net99.0/{Recorder}.dll"] = RecorderDll,
        });

        var error = await Assert.ThrowsAsync<InstallationException>(() => new PluginInstaller(home.Path).InstallAsync(package));

        Assert.Contains("has no lib/netX.Y folder for .NET 10.0 or older", error.Message);
    }
}

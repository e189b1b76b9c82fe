using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.PluginHosting.Installation;

public sealed class PluginInstallerTests
{
    private const string Recorder = "Cao.TestPlugins.Recorder";

    [Fact]
    public async Task PublishFolderIsCopiedIntoAFolderNamedAfterItsAssemblyAndLoads()
    {
        await using var bed = new PluginTestBed();
        var installer = new PluginInstaller(bed.HomeDirectory);

        var result = await installer.InstallAsync(PluginTestBed.BuiltPluginFolder(Recorder));

        Assert.Equal(Path.Combine(bed.PluginsDirectory, Recorder), result.Folder);
        Assert.Equal(["recorder"], result.EntryPoints);
        Assert.False(result.Replaced);
        Assert.True(File.Exists(Path.Combine(result.Folder, Recorder + ".deps.json")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(bed.HomeDirectory, "tmp"))); // staging cleaned up
        await bed.StartAsync();
        Assert.Contains("Loaded CAO plugin: recorder", bed.Logs.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task FolderWithoutAnEntryPointIsRefusedAndNothingIsInstalled()
    {
        using var home = new TempDirectory();
        using var notAPlugin = new TempDirectory();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "CliAgentOrchestrator.Plugins.dll"), Path.Combine(notAPlugin.Path, "Library.dll"));

        var error = await Assert.ThrowsAsync<InstallationException>(() => new PluginInstaller(home.Path).InstallAsync(notAPlugin.Path));

        Assert.Contains("is no CAO plugin", error.Message);
        Assert.Contains("[assembly: CaoPlugin", error.Message);
        Assert.False(Directory.Exists(Path.Combine(home.Path, "plugins")) && Directory.GetDirectories(Path.Combine(home.Path, "plugins")).Length > 0);
    }

    [Fact]
    public async Task EntryPointInstalledInAnotherFolderIsRefused()
    {
        await using var bed = new PluginTestBed();
        var other = bed.Install(Recorder, "recorder-by-hand");

        var error = await Assert.ThrowsAsync<InstallationException>(() => new PluginInstaller(bed.HomeDirectory).InstallAsync(PluginTestBed.BuiltPluginFolder(Recorder), force: true));

        Assert.Equal($"A plugin named 'recorder' is already installed in {other}; remove it first with `cao plugin uninstall recorder`", error.Message);
        Assert.Equal([other], Directory.GetDirectories(bed.PluginsDirectory));
    }

    [Fact]
    public async Task ReinstallNeedsForceAndForceReplacesTheFolder()
    {
        using var home = new TempDirectory();
        var installer = new PluginInstaller(home.Path);
        var first = await installer.InstallAsync(PluginTestBed.BuiltPluginFolder(Recorder));
        var leftover = Path.Combine(first.Folder, "leftover.txt");
        File.WriteAllText(leftover, "from the first install");

        var error = await Assert.ThrowsAsync<InstallationException>(() => installer.InstallAsync(PluginTestBed.BuiltPluginFolder(Recorder)));
        Assert.Equal($"{first.Folder} already exists; pass --force to replace it", error.Message);
        Assert.True(File.Exists(leftover));

        var second = await installer.InstallAsync(PluginTestBed.BuiltPluginFolder(Recorder), force: true);
        Assert.True(second.Replaced);
        Assert.Equal(first.Folder, second.Folder);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(Path.Combine(second.Folder, Recorder + ".dll")));
    }

    [Fact]
    public async Task PluginBuiltForANewerSdkMajorVersionIsRefused()
    {
        using var home = new TempDirectory();
        using var future = new TempDirectory();
        foreach (var file in Directory.GetFiles(PluginTestBed.BuiltPluginFolder(Recorder)))
            File.Copy(file, Path.Combine(future.Path, Path.GetFileName(file)));
        SdkReferencePatcher.SetSdkMajorVersion(Path.Combine(future.Path, Recorder + ".dll"), 2);

        var error = await Assert.ThrowsAsync<InstallationException>(() => new PluginInstaller(home.Path).InstallAsync(future.Path));

        Assert.Equal($"{Recorder}.dll was built for CAO plugin SDK 2.x but this CAO carries SDK 1.x; update CAO or rebuild the plugin against SDK 1.x", error.Message);
    }

    [Fact]
    public async Task UninstallRemovesTheFolderHoldingTheEntryPoint()
    {
        using var home = new TempDirectory();
        var installer = new PluginInstaller(home.Path);
        var installed = await installer.InstallAsync(PluginTestBed.BuiltPluginFolder(Recorder));

        Assert.Equal(installed.Folder, installer.Uninstall("recorder"));
        Assert.False(Directory.Exists(installed.Folder));

        var error = Assert.Throws<InstallationException>(() => installer.Uninstall("recorder"));
        Assert.Equal("No installed plugin is named 'recorder'; `cao plugin list` shows the installed ones", error.Message);
    }

    [Fact]
    public void UninstallLeavesPluginPathFoldersToTheUser()
    {
        using var home = new TempDirectory();
        using var extraRoot = new TempDirectory();
        var folder = Path.Combine(extraRoot.Path, "recorder");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(PluginTestBed.BuiltPluginFolder(Recorder)))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));

        var error = Assert.Throws<InstallationException>(() => new PluginInstaller(home.Path, extraRoot.Path).Uninstall("recorder"));

        Assert.Contains("a CAO_PLUGIN_PATH folder cao does not manage", error.Message);
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public async Task SourcesThatAreNoPluginSayWhatToPass()
    {
        using var home = new TempDirectory();
        using var source = new TempDirectory();
        var installer = new PluginInstaller(home.Path);
        var text = Path.Combine(source.Path, "notes.txt");
        File.WriteAllText(text, "");
        var twoProjects = Directory.CreateDirectory(Path.Combine(source.Path, "two")).FullName;
        File.WriteAllText(Path.Combine(twoProjects, "A.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(twoProjects, "B.csproj"), "<Project />");

        var missing = await Assert.ThrowsAsync<InstallationException>(() => installer.InstallAsync(Path.Combine(source.Path, "missing")));
        var notAPackage = await Assert.ThrowsAsync<InstallationException>(() => installer.InstallAsync(text));
        var ambiguous = await Assert.ThrowsAsync<InstallationException>(() => installer.InstallAsync(twoProjects));

        Assert.EndsWith("does not exist; pass a plugin project folder, its .csproj, a publish folder or a .nupkg", missing.Message);
        Assert.EndsWith("is neither a .csproj nor a .nupkg; pass a plugin project folder, its .csproj, a publish folder or a .nupkg", notAPackage.Message);
        Assert.Equal($"{twoProjects} holds 2 projects; pass the plugin's .csproj instead", ambiguous.Message);
    }

    [Fact]
    public async Task FailedPublishIsOneLineWithTheFirstError()
    {
        using var home = new TempDirectory();
        using var project = new TempDirectory();
        var csproj = Path.Combine(project.Path, "Broken.csproj");
        File.WriteAllText(csproj, "<Project></Project>"); // no SDK: there is no Publish target

        var error = await Assert.ThrowsAsync<InstallationException>(() => new PluginInstaller(home.Path).InstallAsync(csproj));

        Assert.StartsWith($"dotnet publish of {csproj} failed: ", error.Message);
        Assert.Contains("MSB4057", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(Path.Combine(home.Path, "plugins", "Broken")));
    }
}

using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Security;

/// <summary>A plugin's own metadata names its install folder and its settings: it must not name a path.</summary>
public sealed class PluginNameTraversalTests
{
    private const string Recorder = "Cao.TestPlugins.Recorder";

    [Fact]
    public async Task InstallRefusesAnAssemblyNamedLikeAPathAndWritesNothingOutsideTheHome()
    {
        using var root = new TempDirectory();
        var home = root.Combine("home");
        var hostile = root.Combine("hostile");
        CopyDirectory(PluginTestBed.BuiltPluginFolder(Recorder), hostile);
        // Same length as the real name, so the file stays a valid assembly: from plugins/ it climbs to root/escape.
        const string Escape = "../../././././././escape";
        AssemblyPatcher.RenameAssembly(Path.Combine(hostile, Recorder + ".dll"), Recorder, Escape);
        Assert.Equal(Escape, PluginDiscovery.Read(Path.Combine(hostile, Recorder + ".dll"))!.Name);

        var error = await Assert.ThrowsAsync<InstallationException>(() => new PluginInstaller(home).InstallAsync(hostile));

        Assert.Contains("'../../././././././escape' is not a valid plugin name", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(root.Combine("escape")), "the install wrote outside CAO_HOME_DIR");
        Assert.Empty(Directory.Exists(Path.Combine(home, "plugins")) ? Directory.GetFileSystemEntries(Path.Combine(home, "plugins")) : []);
    }

    [Fact]
    public async Task InstallRefusesAnEntryPointNamedLikeAPath()
    {
        using var root = new TempDirectory();
        var hostile = root.Combine("hostile");
        CopyDirectory(PluginTestBed.BuiltPluginFolder(Recorder), hostile);
        AssemblyPatcher.ReplaceAttributeString(Path.Combine(hostile, Recorder + ".dll"), "recorder", "../../rr");

        var error = await Assert.ThrowsAsync<InstallationException>(() => new PluginInstaller(root.Combine("home")).InstallAsync(hostile));

        Assert.Contains("entry point '../../rr' is not a valid plugin name", error.Message);
    }

    [Fact]
    public async Task TheLoaderRefusesAnEntryPointNamedLikeAPathThatWasCopiedInByHand()
    {
        await using var bed = new PluginTestBed();
        var folder = bed.Install(Recorder, "recorder");
        AssemblyPatcher.ReplaceAttributeString(Path.Combine(folder, Recorder + ".dll"), "recorder", "../../rr");

        var host = await bed.StartAsync();

        var plugin = Assert.Single(host.Describe());
        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Equal("recorder", plugin.Name); // named after its folder, never after the hostile name
        Assert.Contains("not a valid plugin name", plugin.Error);
        Assert.Empty(bed.Records("recorder", "recorder")); // never constructed, never set up
    }

    [Theory]
    [InlineData("discord", true)]
    [InlineData("my_plugin", true)]
    [InlineData("Cao.TestPlugins.Recorder", true)]
    [InlineData("a-b", true)]
    [InlineData("../../escape", false)]
    [InlineData("..", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("", false)]
    [InlineData("a\nb", false)]
    public void OneRuleForPluginNames(string name, bool valid) => Assert.Equal(valid, PluginNames.IsValid(name));

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}

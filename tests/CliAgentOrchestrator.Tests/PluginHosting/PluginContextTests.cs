using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.PluginHosting;

public sealed class PluginContextTests
{
    [Fact]
    public async Task PluginGetsALoggerNamedAfterItAndItsOwnSettings()
    {
        await using var bed = new PluginTestBed();
        bed.Install("Cao.TestPlugins.Recorder");
        File.WriteAllText(Path.Combine(bed.HomeDirectory, "settings.json"),
            """{"plugins": {"recorder": {"greeting": "from-file"}, "other": {"greeting": "not-mine"}}}""");
        await bed.StartAsync();

        var line = Assert.Single(bed.Logs.Logs, l => l.Category == "CaoPlugin.recorder");
        Assert.Equal("recorder set up; greeting=from-file", line.Message);
    }

    [Fact]
    public void EnvironmentOverridesTheSettingsFile()
    {
        using var home = new TempDirectory();
        var file = Path.Combine(home.Path, "settings.json");
        File.WriteAllText(file, """{"plugins": {"my-plugin": {"greeting": "file", "timeout": 5, "kept": "yes"}}}""");
        var env = new Dictionary<string, string> { ["CAO_PLUGIN_MY_PLUGIN_GREETING"] = "env", ["CAO_PLUGIN_OTHER_GREETING"] = "x" };

        var settings = PluginSettings.Load(file, env).For("my-plugin");

        Assert.Equal("env", settings["greeting"]);
        Assert.Equal("env", settings["GREETING"]);
        Assert.Equal("5", settings["timeout"]);
        Assert.Equal("yes", settings["kept"]);
        Assert.Equal(3, settings.Count);
    }

    [Fact]
    public void BrokenSettingsFileIsAClearError()
    {
        using var home = new TempDirectory();
        var file = Path.Combine(home.Path, "settings.json");
        File.WriteAllText(file, "{ not json");

        var error = Assert.Throws<CaoConfigurationException>(() => PluginSettings.Load(file, new Dictionary<string, string>()));

        Assert.StartsWith($"{file} is not valid JSON", error.Message);
    }
}

using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.PluginHosting.Installation;

public sealed class PluginEnablementTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void DisableAndEnableWriteTheFlagAndKeepEverythingElse()
    {
        using var home = new TempDirectory();
        var file = Path.Combine(home.Path, "settings.json");
        File.WriteAllText(file, """{ "theme": "dark", "plugins": { "recorder": { "greeting": "hi" }, "other": { "x": 1 } } }""");

        PluginEnablement.Set(file, "recorder", enabled: false);

        var json = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal("dark", (string?)json["theme"]);
        Assert.Equal("hi", (string?)json["plugins"]!["recorder"]!["greeting"]);
        Assert.False((bool)json["plugins"]!["recorder"]!["enabled"]!);
        Assert.Equal(1, (int)json["plugins"]!["other"]!["x"]!);
        Assert.True(PluginSettings.Load(file, NoEnvironment).IsDisabled("recorder"));
        Assert.False(PluginSettings.Load(file, NoEnvironment).IsDisabled("other"));

        PluginEnablement.Set(file, "recorder", enabled: true);

        Assert.False(PluginSettings.Load(file, NoEnvironment).IsDisabled("recorder"));
        Assert.Equal("hi", PluginSettings.Load(file, NoEnvironment).For("recorder")["greeting"]);
    }

    [Fact]
    public void MissingSettingsFileIsCreated()
    {
        using var home = new TempDirectory();
        var file = Path.Combine(home.Path, "nested", "settings.json");

        PluginEnablement.Set(file, "recorder", enabled: false);

        Assert.True(PluginSettings.Load(file, NoEnvironment).IsDisabled("recorder"));
    }

    [Fact]
    public void InvalidSettingsFileIsReportedAndLeftAlone()
    {
        using var home = new TempDirectory();
        var file = Path.Combine(home.Path, "settings.json");
        File.WriteAllText(file, "{ not json");

        var error = Assert.Throws<InstallationException>(() => PluginEnablement.Set(file, "recorder", enabled: false));

        Assert.StartsWith($"{file} is not valid JSON (", error.Message);
        Assert.EndsWith("; fix or delete it", error.Message);
        Assert.Equal("{ not json", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("false", true)]
    [InlineData("0", true)]
    [InlineData("true", false)]
    public void EnvironmentVariableSwitchesAPluginOff(string value, bool disabled)
    {
        var settings = PluginSettings.Load("/nonexistent/settings.json", new Dictionary<string, string> { ["CAO_PLUGIN_RECORDER_ENABLED"] = value });

        Assert.Equal(disabled, settings.IsDisabled("recorder"));
    }
}

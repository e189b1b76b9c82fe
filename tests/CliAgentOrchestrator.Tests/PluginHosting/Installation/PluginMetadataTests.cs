using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.PluginHosting.Installation;

public sealed class PluginMetadataTests
{
    [Fact]
    public void EntryPointsHooksVersionAndSdkAreReadFromMetadata()
    {
        var recorder = Assert.Single(PluginDiscovery.ReadFolder(PluginTestBed.BuiltPluginFolder("Cao.TestPlugins.Recorder")));
        var misbehaving = Assert.Single(PluginDiscovery.ReadFolder(PluginTestBed.BuiltPluginFolder("Cao.TestPlugins.Misbehaving")));

        Assert.Equal("Cao.TestPlugins.Recorder", recorder.Name);
        Assert.Equal("1.0.0", recorder.Version);
        Assert.Equal(1, recorder.SdkVersion!.Major);
        Assert.Equal(["recorder"], recorder.EntryPoints);
        Assert.Equal(
            ["post_create_session", "post_create_terminal", "post_kill_session", "post_kill_terminal", "post_send_message", "post_send_message_denied"],
            recorder.Hooks["recorder"].Select(h => h[..h.IndexOf(':')]).Order(StringComparer.Ordinal));
        Assert.All(recorder.Hooks["recorder"], h => Assert.EndsWith(": RecorderPlugin.OnAnyAsync", h));
        Assert.Contains("setup_throws", misbehaving.EntryPoints);
        Assert.Contains("not_a_plugin", misbehaving.EntryPoints);
    }

    [Fact]
    public void OverviewShowsSettingsWithoutAServerAndStatusesAndCountersWithOne()
    {
        var installed = new List<InstalledPlugin>
        {
            new("recorder", "0.1.0", "/home/plugins/Recorder", "/home/plugins/Recorder/Recorder.dll", ["post_send_message: RecorderPlugin.OnAnyAsync"], Enabled: true),
            new("quiet", "1.0.0", "/home/plugins/Quiet", "/home/plugins/Quiet/Quiet.dll", ["post_kill_session: Quiet.OnKill"], Enabled: false),
            new("late", "1.0.0", "/home/plugins/Late", "/home/plugins/Late/Late.dll", [], Enabled: true),
        };
        var server = new List<PluginInfo>
        {
            new() { Name = "recorder", Source = "/home/plugins/Recorder", Status = PluginStatus.Loaded, Hooks = ["post_send_message: RecorderPlugin.OnAnyAsync", "post_kill_session: Base.OnKill"], Delivered = 7, Dropped = 1 },
            new() { Name = "quiet", Source = "/home/plugins/Quiet", Status = PluginStatus.Disabled },
            new() { Name = "builtin_probe", Source = "built-in", Status = PluginStatus.Failed, Error = "boom" },
        };

        var offline = PluginOverview.Merge(installed, server: null);
        var online = PluginOverview.Merge(installed, server).ToDictionary(r => r.Name);

        Assert.Equal(["enabled", "disabled", "enabled"], offline.Select(r => r.Status));
        Assert.All(offline, r => Assert.Null(r.Server));
        Assert.Equal("loaded", online["recorder"].Status);
        Assert.Equal(2, online["recorder"].Hooks.Count); // the server also sees inherited hooks
        Assert.Equal(7, online["recorder"].Server!.Delivered);
        Assert.Equal("disabled", online["quiet"].Status);
        Assert.Equal(["post_kill_session: Quiet.OnKill"], online["quiet"].Hooks); // declared, though the server never bound them
        Assert.StartsWith("pending restart", online["late"].Status);
        Assert.Equal(("failed", "boom", "built-in"), (online["builtin_probe"].Status, online["builtin_probe"].Error, online["builtin_probe"].Folder));
    }
}

using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.PluginHosting;

public sealed class PluginShutdownTests
{
    private const string Recorder = "Cao.TestPlugins.Recorder";
    private const string Misbehaving = "Cao.TestPlugins.Misbehaving";
    private const string Gated = "Cao.TestPlugins.Gated";

    [Fact]
    public async Task ShutdownDrainsQueuedEventsThenTearsDownInReverseLoadOrder()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Gated);    // loads first (folders load in name order)
        bed.Install(Recorder); // loads second, so tears down first
        var gate = bed.Gate(Gated, "gate");
        var host = await bed.StartAsync();
        for (var i = 0; i < 5; i++)
            host.Publish(new PostSendMessageEvent { Message = $"m{i}" });

        var stopping = host.StopAsync();
        host.Publish(new PostSendMessageEvent { Message = "too-late" });
        gate.SetResult();
        await stopping;

        var gatedLines = bed.Journal.Where(l => l.StartsWith("gated|")).ToList();
        Assert.Equal(["gated|m0", "gated|m1", "gated|m2", "gated|m3", "gated|m4", "gated|teardown"], gatedLines);
        var teardowns = bed.Journal.Where(l => l.EndsWith("|teardown")).ToList();
        Assert.Equal(["recorder|teardown", "gated|teardown"], teardowns);
        Assert.Equal(1, host.Describe().Single(p => p.Name == "gated").Dropped); // the event published after stop began
        Assert.All(host.Describe(), p => Assert.Equal(PluginStatus.Stopped, p.Status));
    }

    [Fact]
    public async Task DrainDeadlineGivesUpOnQueuedEventsCountsThemAndStillTearsDown()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Gated);
        bed.Gate(Gated, "gate"); // never opened
        var host = await bed.StartAsync(HostOptions(("CAO_PLUGINS_DRAIN_TIMEOUT", "0.3")));
        for (var i = 0; i < 4; i++)
            host.Publish(new PostSendMessageEvent { Message = $"m{i}" });

        await host.StopAsync();

        Assert.Equal(["teardown"], bed.Records(Gated, "gated"));
        var gated = host.Describe().Single();
        Assert.Equal(3, gated.Dropped); // m0 was in the hook when the deadline passed; m1..m3 never started
        Assert.Equal(1, gated.Failed);
        Assert.Contains("Plugin 'gated': 3 queued events were not delivered before the shutdown deadline", bed.Logs.Messages(LogLevel.Warning));
    }

    [Fact]
    public async Task TeardownFailureIsLoggedAndOtherPluginsStillTearDownOnce()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        bed.Install(Recorder);
        var host = await bed.StartAsync();

        await host.StopAsync();
        await host.StopAsync(); // a second stop changes nothing

        Assert.Equal(["teardown"], bed.Records(Misbehaving, "teardown_throws"));
        Assert.Equal(["setup", "teardown"], bed.Records(Recorder, "recorder"));
        var failure = Assert.Single(bed.Logs.Logs, l => l.Message == "Plugin 'teardown_throws' teardown failed");
        Assert.Equal("teardown exploded", failure.Exception!.Message);
    }

    // Through the configuration path the server uses, from the variables a user would set.
    private static PluginHostOptions HostOptions(params (string Variable, string Value)[] variables) =>
        TestConfiguration.Options<PluginHostOptions>(PluginHostOptions.Section, variables);
}

using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.PluginHosting;

public sealed class DisabledPluginTests
{
    private const string Recorder = "Cao.TestPlugins.Recorder";
    private const string Ordered = "Cao.TestPlugins.Ordered";

    [Fact]
    public async Task DisabledPluginIsListedButNeverCreatedWhileOthersLoad()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Recorder);
        bed.Install(Ordered);
        PluginEnablement.Set(Path.Combine(bed.HomeDirectory, "settings.json"), "recorder", enabled: false);

        var host = await bed.StartAsync();
        host.Publish(new PostSendMessageEvent { Sender = "a", Receiver = "b", Message = "hi" });
        await host.StopAsync();

        Assert.Contains("Plugin 'recorder' is disabled in settings, skipping", bed.Logs.Messages(LogLevel.Information));
        Assert.DoesNotContain("Loaded CAO plugin: recorder", bed.Logs.Messages());
        Assert.Empty(bed.Records(Recorder, "recorder")); // no setup, no event, no teardown
        var statuses = host.Describe().ToDictionary(p => p.Name, p => p.Status);
        Assert.Equal(PluginStatus.Disabled, statuses["recorder"]);
        Assert.DoesNotContain(statuses, s => s.Key != "recorder" && s.Value != PluginStatus.Stopped);
    }
}

using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.PluginHosting;

public sealed class PluginDispatchTests
{
    private const string Recorder = "Cao.TestPlugins.Recorder";
    private const string Misbehaving = "Cao.TestPlugins.Misbehaving";
    private const string Gated = "Cao.TestPlugins.Gated";

    [Fact]
    public async Task EventReachesTheHookWithEveryField()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Recorder);
        var host = await bed.StartAsync();
        var sent = new PostSendMessageEvent
        {
            Sender = "aaaa1111", Receiver = "bbbb2222", Message = "hi", OrchestrationType = OrchestrationTypes.Assign,
            SessionId = "cao-s", Traceparent = "00-abc-def-01",
        };

        host.Publish(sent);

        await Poll.UntilAsync(() => bed.Records(Recorder, "recorder").Count == 2, "event recorded");
        var json = bed.Records(Recorder, "recorder")[1];
        Assert.StartsWith("event {\"sender\":\"aaaa1111\",\"receiver\":\"bbbb2222\",\"message\":\"hi\",\"orchestration_type\":\"assign\",\"event_type\":\"post_send_message\"", json);
        Assert.Contains("\"session_id\":\"cao-s\",\"traceparent\":\"00-abc-def-01\"", json);
    }

    [Fact]
    public async Task ThrowingHookDoesNotStopTheNextHookOrTheNextPlugin()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        bed.Install(Recorder);
        var host = await bed.StartAsync();

        host.Publish(new PostSendMessageEvent { Message = "m1" });

        await Poll.UntilAsync(() => bed.Records(Misbehaving, "faulty_hooks").Count == 2, "faulty_hooks later hooks ran");
        Assert.Equal(["after_throw m1", "second m1"], bed.Records(Misbehaving, "faulty_hooks"));
        await Poll.UntilAsync(() => bed.Records(Recorder, "recorder").Count == 2, "recorder got the event");
        var warning = Assert.Single(bed.Logs.Logs, l => l.Message.Contains("hook 'FaultyHooksPlugin.ThrowsAsync' failed"));
        Assert.Equal("Plugin 'faulty_hooks' hook 'FaultyHooksPlugin.ThrowsAsync' failed handling 'post_send_message'", warning.Message);
        Assert.Equal("hook exploded", warning.Exception!.Message);
        Assert.Equal(1, host.Describe().Single(p => p.Name == "faulty_hooks").Failed);
    }

    [Fact]
    public async Task HangingHookDelaysNoOtherPlugin()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        bed.Install(Recorder);
        var host = await bed.StartAsync(HostOptions(("CAO_PLUGINS_HOOK_TIMEOUT", "600"), ("CAO_PLUGINS_DRAIN_TIMEOUT", "0.2")));

        host.Publish(new PostKillTerminalEvent { TerminalId = "t1" });
        host.Publish(new PostSendMessageEvent { Message = "after-hang" });

        await Poll.UntilAsync(() => bed.Records(Recorder, "recorder").Count == 3, "recorder got both events");
        // The hang starts on its own queue, which may be scheduled after the recorder's: wait for it too.
        await Poll.UntilAsync(() => bed.Records(Misbehaving, "faulty_hooks").Contains("hang_started t1"), "the hanging hook started");
        Assert.DoesNotContain("after_hang t1", bed.Records(Misbehaving, "faulty_hooks"));
    }

    [Fact]
    public async Task HangingHookTimesOutIsCancelledAndTheNextHooksRun()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        var host = await bed.StartAsync(HostOptions(("CAO_PLUGINS_HOOK_TIMEOUT", "0.3")));

        host.Publish(new PostKillTerminalEvent { TerminalId = "t1" });
        host.Publish(new PostSendMessageEvent { Message = "next" });

        await Poll.UntilAsync(() => bed.Records(Misbehaving, "faulty_hooks").Contains("second next"), "the next event was handled");
        Assert.Equal(["hang_started t1", "hang_cancelled t1", "after_hang t1", "after_throw next", "second next"], bed.Records(Misbehaving, "faulty_hooks"));
        Assert.Contains("Plugin 'faulty_hooks' hook 'FaultyHooksPlugin.HangsAsync' timed out after 0.3s handling 'post_kill_terminal'; abandoned it, plugin marked faulted", bed.Logs.Messages(LogLevel.Warning));
    }

    [Fact]
    public async Task TenThousandEventsArriveInEmitOrderDespiteRandomHookDelays()
    {
        await using var bed = new PluginTestBed();
        bed.Install("Cao.TestPlugins.Ordered");
        var host = await bed.StartAsync();

        for (var i = 0; i < 10_000; i++)
            host.Publish(new PostSendMessageEvent { Message = i.ToString() });

        await Poll.UntilAsync(() => host.Describe()[0].Delivered == 10_000, "all events delivered", TimeSpan.FromMinutes(2));
        var seen = bed.Records("Cao.TestPlugins.Ordered", "ordered");
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i.ToString()), seen);
        Assert.Equal(0, host.Describe()[0].Dropped);
    }

    [Fact]
    public async Task FullQueueDropsTheOldestEventsCountsThemAndWarnsOnce()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Gated);
        var gate = bed.Gate(Gated, "gate");
        var host = await bed.StartAsync(HostOptions(("CAO_PLUGINS_QUEUE_CAPACITY", "10")));

        host.Publish(new PostSendMessageEvent { Message = "first" });
        await Poll.UntilAsync(() => host.Describe()[0].Queued == 0, "the reader took the first event");
        for (var i = 0; i < 25; i++)
            host.Publish(new PostSendMessageEvent { Message = $"m{i}" });

        var gated = host.Describe()[0];
        Assert.Equal(15, gated.Dropped);
        Assert.Equal(10, gated.Queued);
        Assert.Single(bed.Logs.Messages(LogLevel.Warning), m => m.StartsWith("Plugin 'gated' is falling behind"));

        gate.SetResult();
        await Poll.UntilAsync(() => bed.Records(Gated, "gated").Count == 11, "the kept events were delivered");
        Assert.Equal(["first", .. Enumerable.Range(15, 10).Select(i => $"m{i}")], bed.Records(Gated, "gated"));
    }

    [Fact]
    public async Task PublishingNeverBlocksTheCallerWhileAPluginIsStuck()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Gated);
        bed.Gate(Gated, "gate"); // never opened
        var host = await bed.StartAsync(HostOptions(("CAO_PLUGINS_QUEUE_CAPACITY", "100"), ("CAO_PLUGINS_DRAIN_TIMEOUT", "0.1")));

        var publishing = Task.Run(() =>
        {
            for (var i = 0; i < 100_000; i++)
                host.Publish(new PostSendMessageEvent { Message = "x" });
        });

        await publishing.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(host.Describe()[0].Dropped >= 100_000 - 101);
    }

    // Through the configuration path the server uses, from the variables a user would set.
    private static PluginHostOptions HostOptions(params (string Variable, string Value)[] variables) =>
        TestConfiguration.Options<PluginHostOptions>(PluginHostOptions.Section, variables);
}

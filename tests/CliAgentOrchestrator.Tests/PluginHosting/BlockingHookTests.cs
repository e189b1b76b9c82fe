using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.PluginHosting;

/// <summary>
/// Hooks that block their thread without ever awaiting (a busy loop, <c>Thread.Sleep</c>): the host
/// must give up on them at their timeout, keep delivering, answer pre-hooks by policy and still stop.
/// </summary>
public sealed class BlockingHookTests
{
    private const string Misbehaving = "Cao.TestPlugins.Misbehaving";
    private static readonly TimeSpan FailureBound = TimeSpan.FromSeconds(60); // only bounds a broken run

    [Fact]
    public async Task ABlockingHookIsAbandonedAtItsTimeoutTheNextEventsFlowAndThePluginIsFaulted()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        var release = bed.Gate(Misbehaving, "release");
        try
        {
            var host = await bed.StartAsync(new PluginHostOptions { HookTimeout = TimeSpan.FromMilliseconds(300) });

            host.Publish(new PostSendMessageEvent { Message = "block-1" });
            host.Publish(new PostSendMessageEvent { Message = "next" });

            await Poll.UntilAsync(() => bed.Records(Misbehaving, "blocking_hooks").Contains("after next"), "the event after the blocked one delivered");
            Assert.Equal(["block_started block-1", "after block-1", "after next"], bed.Records(Misbehaving, "blocking_hooks"));
            var info = host.Describe().Single(p => p.Name == "blocking_hooks");
            Assert.Equal(PluginStatus.Faulted, info.Status);
            Assert.Contains("BlockAsync", info.Error);
            Assert.Equal(1, info.Failed);
            Assert.Contains(bed.Logs.Messages(), m => m.Contains("'blocking_hooks'", StringComparison.Ordinal) && m.Contains("abandoned", StringComparison.Ordinal));
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Theory]
    [InlineData("block-closed", true)]
    [InlineData("block-open", false)]
    public async Task ABlockingPreHookAnswersByItsPolicyAtItsTimeout(string message, bool denied)
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        var release = bed.Gate(Misbehaving, "release");
        try
        {
            var host = await bed.StartAsync();

            // Task.Run: were the hook run on the caller's thread, the bound below must still apply.
            var screening = await Task.Run(() => host.PreHooks.ScreenMessageAsync(
                new PreSendMessageEvent { Sender = "aaaa1111", Receiver = "bbbb2222", Message = message, OrchestrationType = "send_message" },
                CancellationToken.None).AsTask()).WaitAsync(FailureBound);

            Assert.Equal(denied, screening.Denial is not null);
            if (denied)
                Assert.Equal("pre_hook_failed", screening.Denial!.Code);
            var plugin = denied ? "blocking_closed" : "blocking_open";
            Assert.Equal(["block_started " + message], bed.Records(Misbehaving, plugin));
            Assert.Equal(PluginStatus.Faulted, host.Describe().Single(p => p.Name == plugin).Status);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task ShutdownCompletesWithinTheDrainDeadlineWhileAHookBlocks()
    {
        await using var bed = new PluginTestBed();
        bed.Install(Misbehaving);
        var release = bed.Gate(Misbehaving, "release");
        try
        {
            // A hook timeout longer than the drain deadline: only shutdown's own deadline can end the wait.
            var host = await bed.StartAsync(new PluginHostOptions { HookTimeout = TimeSpan.FromMinutes(10), DrainTimeout = TimeSpan.FromMilliseconds(500) });
            host.Publish(new PostSendMessageEvent { Message = "block-at-shutdown" });
            host.Publish(new PostSendMessageEvent { Message = "queued-behind" });
            await Poll.UntilAsync(() => bed.Records(Misbehaving, "blocking_hooks").Count == 1, "the hook to block");

            await host.StopAsync().WaitAsync(FailureBound);

            var info = host.Describe().Single(p => p.Name == "blocking_hooks");
            Assert.Equal(PluginStatus.Stopped, info.Status);
            Assert.Equal(1, info.Dropped); // "queued-behind" never reached it
            Assert.Equal(["teardown"], bed.Records(Misbehaving, "teardown_throws")); // the others still tore down
        }
        finally
        {
            release.TrySetResult();
        }
    }
}

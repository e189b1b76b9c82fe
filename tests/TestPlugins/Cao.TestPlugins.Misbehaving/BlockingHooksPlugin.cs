using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>
/// A hook that blocks its thread without ever awaiting (like <c>while (true) {}</c> or
/// <c>Thread.Sleep</c>) on messages starting with "block", until the test opens the "release" gate.
/// </summary>
public sealed class BlockingHooksPlugin : CaoPlugin
{
    [Hook(EventTypes.PostSendMessage)]
    public Task BlockAsync(PostSendMessageEvent e)
    {
        if (e.Message.StartsWith("block", StringComparison.Ordinal))
        {
            Probe.Record("blocking_hooks", "block_started " + e.Message);
            Probe.BlockUntilOpen("release");
        }
        return Task.CompletedTask;
    }

    [Hook(EventTypes.PostSendMessage)]
    public Task AfterBlockAsync(PostSendMessageEvent e)
    {
        Probe.Record("blocking_hooks", "after " + e.Message);
        return Task.CompletedTask;
    }
}

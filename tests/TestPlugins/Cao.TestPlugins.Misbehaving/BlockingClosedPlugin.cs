using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>A fail-closed pre-hook that blocks its thread on "block-closed" past its 300 ms timeout.</summary>
public sealed class BlockingClosedPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, TimeoutMilliseconds = 300, FailClosed = true)]
    public Task<HookDecision> CheckAsync(PreSendMessageEvent e)
    {
        if (e.Message.Contains("block-closed", StringComparison.Ordinal))
        {
            Probe.Record("blocking_closed", "block_started " + e.Message);
            Probe.BlockUntilOpen("release");
        }
        return Task.FromResult(HookDecision.Allow);
    }
}

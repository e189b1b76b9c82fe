using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>A fail-open pre-hook that blocks its thread on "block-open" past its 300 ms timeout.</summary>
public sealed class BlockingOpenPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, TimeoutMilliseconds = 300)]
    public Task<HookDecision> CheckAsync(PreSendMessageEvent e)
    {
        if (e.Message.Contains("block-open", StringComparison.Ordinal))
        {
            Probe.Record("blocking_open", "block_started " + e.Message);
            Probe.BlockUntilOpen("release");
        }
        return Task.FromResult(HookDecision.Allow);
    }
}

using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Hangs on "slow-open" past its 200 ms timeout; fails open.</summary>
public sealed class SlowOpenPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, Order = 1, TimeoutMilliseconds = 200)]
    public async Task<HookDecision> CheckAsync(PreSendMessageEvent e, CancellationToken cancellationToken)
    {
        if (e.Message.Contains("slow-open", StringComparison.Ordinal))
            await new TaskCompletionSource().Task; // ignores cancellation: only the timeout gets past it
        return HookDecision.Allow;
    }
}

using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Hangs on "slow-closed" past its 200 ms timeout; fails closed.</summary>
public sealed class SlowClosedPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, Order = 2, TimeoutMilliseconds = 200, FailClosed = true)]
    public async Task<HookDecision> CheckAsync(PreSendMessageEvent e, CancellationToken cancellationToken)
    {
        if (e.Message.Contains("slow-closed", StringComparison.Ordinal))
            await Task.Delay(Timeout.Infinite, cancellationToken);
        return HookDecision.Allow;
    }
}

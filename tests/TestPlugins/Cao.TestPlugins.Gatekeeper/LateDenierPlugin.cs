using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Order 40: would also refuse "forbidden"; never asked when the denier already refused.</summary>
public sealed class LateDenierPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, Order = 40)]
    public ValueTask<HookDecision> CheckAsync(PreSendMessageEvent e)
    {
        if (!e.Message.Contains("forbidden", StringComparison.Ordinal))
            return ValueTask.FromResult(HookDecision.Allow);
        Probe.Record("late_denier", "asked " + e.Message);
        return ValueTask.FromResult(HookDecision.Deny("late denial"));
    }
}

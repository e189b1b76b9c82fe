using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Order 20: marks messages containing "tag-me" as checked; shows it sees the earlier rewrite.</summary>
public sealed class SuffixerPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, Order = 20)]
    public Task<HookDecision> SuffixAsync(PreSendMessageEvent e, CancellationToken cancellationToken) =>
        Task.FromResult(e.Message.Contains("tag-me", StringComparison.Ordinal) ? HookDecision.ReplaceMessage(e.Message + " (checked)") : HookDecision.Allow);
}

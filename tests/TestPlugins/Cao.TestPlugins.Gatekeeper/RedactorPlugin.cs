using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Order 10: replaces the word "secret", so later hooks and the receiver never see it.</summary>
public sealed class RedactorPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, Order = 10)]
    public ValueTask<HookDecision> RedactAsync(PreSendMessageEvent e) =>
        ValueTask.FromResult(e.Message.Contains("secret", StringComparison.Ordinal)
            ? HookDecision.ReplaceMessage(e.Message.Replace("secret", "[REDACTED]", StringComparison.Ordinal))
            : HookDecision.Allow);
}

using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Throws on "throw-open"; fails open.</summary>
public sealed class ThrowerOpenPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, Order = 3)]
    public ValueTask<HookDecision> CheckAsync(PreSendMessageEvent e) =>
        e.Message.Contains("throw-open", StringComparison.Ordinal) ? throw new InvalidOperationException("open thrower exploded") : ValueTask.FromResult(HookDecision.Allow);
}

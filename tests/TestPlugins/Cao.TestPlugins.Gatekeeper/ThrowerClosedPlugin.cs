using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Throws on "throw-closed"; fails closed.</summary>
public sealed class ThrowerClosedPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, Order = 4, FailClosed = true)]
    public Task<HookDecision> CheckAsync(PreSendMessageEvent e) =>
        e.Message.Contains("throw-closed", StringComparison.Ordinal) ? throw new InvalidOperationException("closed thrower exploded") : Task.FromResult(HookDecision.Allow);
}

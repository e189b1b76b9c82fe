using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>
/// A pre-hook with a long timeout that blocks its thread (<c>Thread.Sleep</c>-style) on messages
/// containing "stall" until the test opens the "release" gate: many requests at once would each hold a thread.
/// Then it denies, so released requests end at once without typing anything.
/// </summary>
public sealed class StallingPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, TimeoutMilliseconds = 600_000)]
    public Task<HookDecision> CheckAsync(PreSendMessageEvent e)
    {
        if (e.Message.Contains("stall", StringComparison.Ordinal))
        {
            Probe.Record("stalling", "stall_started " + e.Message);
            Probe.BlockUntilOpen("release");
            return Task.FromResult(HookDecision.Deny("stalled on purpose", "stalled"));
        }
        return Task.FromResult(HookDecision.Allow);
    }
}

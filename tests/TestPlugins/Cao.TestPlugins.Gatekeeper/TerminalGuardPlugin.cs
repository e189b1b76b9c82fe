using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Refuses to create terminals running the profile "forbidden_profile".</summary>
public sealed class TerminalGuardPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreCreateTerminal)]
    public ValueTask<HookDecision> CheckAsync(PreCreateTerminalEvent e) =>
        ValueTask.FromResult(e.AgentProfile == "forbidden_profile"
            ? HookDecision.Deny($"profile {e.AgentProfile} is not allowed in {e.SessionName}", "profile_blocked")
            : HookDecision.Allow);
}

using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>The wire and report name of a pre-hook decision: <c>allow</c>, <c>deny</c>, <c>replace_message</c>.</summary>
internal static class DecisionNames
{
    public static string Of(HookDecisionKind kind) => kind switch
    {
        HookDecisionKind.Deny => "deny",
        HookDecisionKind.ReplaceMessage => "replace_message",
        _ => "allow",
    };
}

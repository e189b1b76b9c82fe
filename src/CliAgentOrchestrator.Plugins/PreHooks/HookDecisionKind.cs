namespace CliAgentOrchestrator.Plugins;

/// <summary>The kinds of <see cref="HookDecision"/>.</summary>
public enum HookDecisionKind
{
    /// <summary>Go ahead.</summary>
    Allow,

    /// <summary>Refuse.</summary>
    Deny,

    /// <summary>Go ahead with a replaced message.</summary>
    ReplaceMessage,
}

namespace CliAgentOrchestrator.Plugins;

/// <summary>What a pre-hook decides: <see cref="Allow"/>, <see cref="Deny"/>, or (for messages) <see cref="ReplaceMessage"/>.</summary>
public sealed record HookDecision
{
    private HookDecision(HookDecisionKind kind, string? reason, string? code, string? message)
    {
        Kind = kind;
        Reason = reason;
        Code = code;
        Message = message;
    }

    /// <summary>Let the operation go ahead unchanged.</summary>
    public static HookDecision Allow { get; } = new(HookDecisionKind.Allow, null, null, null);

    /// <summary>Refuse the operation; the first denial wins and stops the chain.</summary>
    /// <param name="reason">Shown to whoever asked (HTTP 403, the calling agent, the inbox row).</param>
    /// <param name="code">An optional machine-readable code, e.g. <c>budget_exceeded</c>.</param>
    /// <returns>The denial.</returns>
    public static HookDecision Deny(string reason, string? code = null) => new(HookDecisionKind.Deny, reason, code, null);

    /// <summary>Deliver <paramref name="message"/> instead (only for <see cref="EventTypes.PreSendMessage"/>); later hooks see the new text.</summary>
    /// <param name="message">The replacement text, e.g. with secrets redacted.</param>
    /// <returns>The replacement.</returns>
    public static HookDecision ReplaceMessage(string message) => new(HookDecisionKind.ReplaceMessage, null, null, message);

    /// <summary>Which decision this is.</summary>
    public HookDecisionKind Kind { get; }

    /// <summary>Why it was denied (for <see cref="HookDecisionKind.Deny"/>).</summary>
    public string? Reason { get; }

    /// <summary>The optional code of a denial.</summary>
    public string? Code { get; }

    /// <summary>The replacement text (for <see cref="HookDecisionKind.ReplaceMessage"/>).</summary>
    public string? Message { get; }
}

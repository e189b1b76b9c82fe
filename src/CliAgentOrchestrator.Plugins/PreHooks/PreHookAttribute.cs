namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// Makes a plugin method a pre-hook: CAO awaits it <em>before</em> the operation and obeys its
/// <see cref="HookDecision"/>. The method takes the pre event (e.g. <see cref="PreSendMessageEvent"/>),
/// optionally a <see cref="CancellationToken"/>, and returns <c>Task&lt;HookDecision&gt;</c> or
/// <c>ValueTask&lt;HookDecision&gt;</c>.
/// </summary>
/// <remarks>
/// Pre-hooks of all plugins run one after another, by <see cref="Order"/> then plugin name. The
/// first denial wins. A hook that throws or exceeds <see cref="TimeoutMilliseconds"/> counts as
/// allow (fail open, the default, with a warning) or as deny when <see cref="FailClosed"/> is set.
/// Keep pre-hooks fast: they delay the operation they guard.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class PreHookAttribute : Attribute
{
    /// <summary>Makes the method a pre-hook for <paramref name="eventType"/>.</summary>
    /// <param name="eventType"><see cref="EventTypes.PreSendMessage"/> or <see cref="EventTypes.PreCreateTerminal"/>.</param>
    public PreHookAttribute(string eventType) => EventType = eventType;

    /// <summary>The pre event this hook guards.</summary>
    public string EventType { get; }

    /// <summary>Lower runs first; ties run in plugin-name order. Default 0.</summary>
    public int Order { get; set; }

    /// <summary>Count an exception or a timeout as a denial instead of an allow. Default false (fail open).</summary>
    public bool FailClosed { get; set; }

    /// <summary>How long the hook may take. Default 2000 ms.</summary>
    public int TimeoutMilliseconds { get; set; } = 2000;
}

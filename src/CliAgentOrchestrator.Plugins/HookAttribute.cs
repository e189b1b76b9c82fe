namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// Subscribes a plugin method to one event type, e.g. <c>[Hook(EventTypes.PostSendMessage)]</c>.
/// </summary>
/// <remarks>
/// The method must be an instance method returning <see cref="Task"/> or <see cref="ValueTask"/>
/// whose first parameter is the event class of that type (for example
/// <see cref="PostSendMessageEvent"/>), optionally followed by a <see cref="CancellationToken"/>
/// that is cancelled when the hook exceeds its timeout or the server stops. A method may carry the
/// attribute several times to receive several event types (its parameter is then a common base,
/// such as <see cref="CaoEvent"/>). CAO refuses a hook with a wrong signature or an unknown event
/// type at load time, with a warning that names it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class HookAttribute : Attribute
{
    /// <summary>Subscribes the method to <paramref name="eventType"/>.</summary>
    /// <param name="eventType">One of the <see cref="EventTypes"/> constants.</param>
    public HookAttribute(string eventType) => EventType = eventType;

    /// <summary>The event type this hook receives, one of the <see cref="EventTypes"/> constants.</summary>
    public string EventType { get; }
}

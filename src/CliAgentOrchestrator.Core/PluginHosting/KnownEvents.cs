using System.Collections.Frozen;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>The event types a hook may subscribe to, with the event class each one delivers.</summary>
internal static class KnownEvents
{
    public static readonly FrozenDictionary<string, Type> ByType = new Dictionary<string, Type>
    {
        [EventTypes.PostSendMessage] = typeof(PostSendMessageEvent),
        [EventTypes.PostCreateSession] = typeof(PostCreateSessionEvent),
        [EventTypes.PostKillSession] = typeof(PostKillSessionEvent),
        [EventTypes.PostCreateTerminal] = typeof(PostCreateTerminalEvent),
        [EventTypes.PostKillTerminal] = typeof(PostKillTerminalEvent),
        [EventTypes.PostSendMessageDenied] = typeof(PostSendMessageDeniedEvent),
        [EventTypes.PostTerminalStatusChange] = typeof(PostTerminalStatusChangeEvent),
        [EventTypes.PostQueueMessage] = typeof(PostQueueMessageEvent),
        [EventTypes.PostFailMessage] = typeof(PostFailMessageEvent),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The events a <c>[PreHook]</c> may guard.</summary>
    public static readonly FrozenDictionary<string, Type> PreEvents = new Dictionary<string, Type>
    {
        [EventTypes.PreSendMessage] = typeof(PreSendMessageEvent),
        [EventTypes.PreCreateTerminal] = typeof(PreCreateTerminalEvent),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}

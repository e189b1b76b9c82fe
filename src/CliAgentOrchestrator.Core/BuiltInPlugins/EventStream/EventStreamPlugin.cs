using CliAgentOrchestrator.Core.BuiltInPlugins.EventStream;
using CliAgentOrchestrator.Plugins;

[assembly: CaoPlugin("events", typeof(EventStreamPlugin))]

namespace CliAgentOrchestrator.Core.BuiltInPlugins.EventStream;

/// <summary>
/// The built-in plugin behind <c>GET /events</c>: it receives every post event through the plugin
/// host like any plugin (its own bounded queue, in order, isolated) and hands each, serialized once,
/// to the <see cref="EventStreamHub"/>. Switch it off with <c>plugins.events.enabled = false</c>.
/// </summary>
public sealed class EventStreamPlugin(EventStreamHub hub) : CaoPlugin
{
    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        hub.Start(EventStreamSettings.From(Context.Settings));
        return Task.CompletedTask;
    }

    public override Task TeardownAsync(CancellationToken cancellationToken)
    {
        hub.Stop();
        return Task.CompletedTask;
    }

    [Hook(EventTypes.PostCreateSession)]
    [Hook(EventTypes.PostKillSession)]
    [Hook(EventTypes.PostCreateTerminal)]
    [Hook(EventTypes.PostKillTerminal)]
    [Hook(EventTypes.PostSendMessage)]
    [Hook(EventTypes.PostSendMessageDenied)]
    [Hook(EventTypes.PostTerminalStatusChange)]
    [Hook(EventTypes.PostQueueMessage)]
    [Hook(EventTypes.PostFailMessage)]
    public ValueTask OnEventAsync(CaoEvent e)
    {
        hub.Append(e.EventType, EventJson.Serialize(e, hub.Settings.IncludeMessages));
        return ValueTask.CompletedTask;
    }
}

using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

[assembly: CaoPlugin("recorder", typeof(Cao.TestPlugins.RecorderPlugin))]

namespace Cao.TestPlugins;

/// <summary>A healthy plugin that records its lifecycle and every event it receives.</summary>
public sealed class RecorderPlugin : CaoPlugin
{
    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        Probe.Record("recorder", "setup");
        Context.Settings.TryGetValue("greeting", out var greeting);
        Context.Logger.LogInformation("{Plugin} set up; greeting={Greeting}", Context.PluginName, greeting ?? "(none)");
        return Task.CompletedTask;
    }

    public override Task TeardownAsync(CancellationToken cancellationToken)
    {
        Probe.Record("recorder", "teardown");
        return Task.CompletedTask;
    }

    [Hook(EventTypes.PostCreateSession)]
    [Hook(EventTypes.PostKillSession)]
    [Hook(EventTypes.PostCreateTerminal)]
    [Hook(EventTypes.PostKillTerminal)]
    [Hook(EventTypes.PostSendMessage)]
    [Hook(EventTypes.PostSendMessageDenied)]
    public Task OnAnyAsync(CaoEvent e)
    {
        Probe.RecordEvent("recorder", e);
        return Task.CompletedTask;
    }
}

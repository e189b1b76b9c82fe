using CliAgentOrchestrator.Plugins;

[assembly: CaoPlugin("own_sdk", typeof(Cao.TestPlugins.OwnSdkPlugin))]

namespace Cao.TestPlugins;

public sealed class OwnSdkPlugin : CaoPlugin
{
    [Hook(EventTypes.PostCreateSession)]
    public Task OnSessionAsync(PostCreateSessionEvent e)
    {
        Probe.Record("own_sdk", "session " + e.SessionName);
        return Task.CompletedTask;
    }
}

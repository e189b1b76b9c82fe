using CliAgentOrchestrator.Plugins;

[assembly: CaoPlugin("gated", typeof(Cao.TestPlugins.GatedPlugin))]

namespace Cao.TestPlugins;

/// <summary>Holds every event until the test opens the gate, so its queue fills up on demand.</summary>
public sealed class GatedPlugin : CaoPlugin
{
    [Hook(EventTypes.PostSendMessage)]
    public async Task OnMessageAsync(PostSendMessageEvent e, CancellationToken cancellationToken)
    {
        await Probe.Gate("gate", cancellationToken);
        Probe.Record("gated", e.Message);
    }

    public override Task TeardownAsync(CancellationToken cancellationToken)
    {
        Probe.Record("gated", "teardown");
        return Task.CompletedTask;
    }
}

using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

public sealed class SetupThrowsPlugin : CaoPlugin
{
    public override Task SetupAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("SETUP_THROWS_WEBHOOK_URL is not set");

    public override Task TeardownAsync(CancellationToken cancellationToken)
    {
        Probe.Record("setup_throws", "teardown");
        return Task.CompletedTask;
    }

    [Hook(EventTypes.PostSendMessage)]
    public Task OnMessageAsync(PostSendMessageEvent e)
    {
        Probe.RecordEvent("setup_throws", e);
        return Task.CompletedTask;
    }
}

using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

public sealed class TeardownThrowsPlugin : CaoPlugin
{
    public override Task TeardownAsync(CancellationToken cancellationToken)
    {
        Probe.Record("teardown_throws", "teardown");
        throw new InvalidOperationException("teardown exploded");
    }
}

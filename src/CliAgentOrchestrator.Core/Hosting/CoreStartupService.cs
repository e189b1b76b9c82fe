using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Core.Hosting;

/// <summary>At start-up, re-attaches status tracking to the terminals that survived a restart.</summary>
public sealed class CoreStartupService(TerminalService terminals, InboxRepository inbox, ILogger<CoreStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var requeued = inbox.RequeueInterrupted();
        if (requeued > 0)
            logger.LogWarning("{Count} inbox messages were being delivered when the server stopped; they are pending again", requeued);
        var reattached = await terminals.ReattachAllAsync(cancellationToken);
        if (reattached > 0)
            logger.LogInformation("Re-attached status tracking to {Count} surviving terminals", reattached);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

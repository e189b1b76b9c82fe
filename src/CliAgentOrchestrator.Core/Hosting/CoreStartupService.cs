using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Hosting;

/// <summary>
/// At start-up: removes paste buffers a killed server left in tmux (they hold message text), then
/// re-attaches status tracking to the terminals that survived a restart. Inbox rows a dead server
/// left claimed are settled by the inbox itself (<see cref="Inbox.InboxService"/>), from the
/// terminals' logs, once their terminal is tracked again.
/// </summary>
public sealed class CoreStartupService(TerminalService terminals, TmuxClient tmux, ILogger<CoreStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RemoveLeftoverPasteBuffersAsync(cancellationToken);
        var reattached = await terminals.ReattachAllAsync(cancellationToken);
        if (reattached > 0)
            logger.LogInformation("Re-attached status tracking to {Count} surviving terminals", reattached);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Nothing types before the hosted services have started, so every cao_ buffer now is a leftover.
    private async Task RemoveLeftoverPasteBuffersAsync(CancellationToken cancellationToken)
    {
        var leftovers = (await tmux.ListBuffersAsync(cancellationToken)).Where(TerminalInputSender.IsOwnBuffer).ToList();
        foreach (var buffer in leftovers)
            await tmux.DeleteBufferAsync(buffer, cancellationToken);
        if (leftovers.Count > 0)
            logger.LogWarning("Removed {Count} paste buffers a previous server left in tmux", leftovers.Count);
    }
}

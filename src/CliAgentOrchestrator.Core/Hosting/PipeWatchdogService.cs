using CliAgentOrchestrator.Core.Terminals.Output;

namespace CliAgentOrchestrator.Core.Hosting;

/// <summary>
/// Re-arms terminals' output pipes that died (the <c>cat</c> behind <c>pipe-pane</c> killed, a write
/// error on a full disk, someone running <c>pipe-pane</c> by hand): without it a terminal's output and
/// status would go stale for good.
/// </summary>
public sealed class PipeWatchdogService(TerminalOutputService output, TerminalOutputTailOptions options, ILogger<PipeWatchdogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PipeCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var terminalId in await output.EnsurePipesAsync(stoppingToken))
                        logger.LogWarning("The output pipe of terminal {TerminalId} had stopped; restarted it", terminalId);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
                {
                    // The log folder cannot be written (disk full); the next tick tries again.
                    logger.LogWarning("Output pipes not checked: {Reason}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

using CliAgentOrchestrator.Core.Tmux;
using Microsoft.Extensions.Hosting;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>
/// Once a second, asks tmux (one <c>list-windows -a</c>) whether every tracked terminal still has
/// its window and its CLI, so a window killed by hand, a dead tmux server or an exited CLI turns
/// into status <c>error</c> within seconds (see <see cref="TerminalService.CheckLivenessAsync"/>).
/// The status monitor cannot do this: an idle terminal is never captured again.
/// </summary>
public sealed class TerminalWatchdog(TerminalService terminals, ILogger<TerminalWatchdog> logger) : BackgroundService
{
    /// <summary>How often the windows are checked; one tmux process per tick, whatever the number of terminals.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        string? lastProblem = null;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await terminals.CheckLivenessAsync(stoppingToken).ConfigureAwait(false);
                lastProblem = null;
            }
            catch (TmuxCommandException ex)
            {
                // One line per distinct problem, not one per tick.
                if (ex.Message != lastProblem)
                    logger.LogWarning("Checking the terminals' windows failed: {Problem}", ex.Message);
                lastProblem = ex.Message;
            }
        }
    }
}

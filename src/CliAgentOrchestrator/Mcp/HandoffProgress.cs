using System.Diagnostics;
using ModelContextProtocol;

namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// A handoff's sign of life: every <see cref="Interval"/> while it waits for its worker, an MCP progress
/// notification (sent by the SDK only when the call carried a progress token, as Claude Code's and Codex's
/// do). The agent's CLI shows the worker is still on it, and a CLI that drops a call it hears nothing
/// from for a while keeps waiting.
/// </summary>
public sealed class HandoffProgress : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reporting;

    public HandoffProgress(IProgress<ProgressNotificationValue>? progress, string profile, int timeoutSeconds) =>
        _reporting = progress is null ? Task.CompletedTask : ReportAsync(progress, profile, timeoutSeconds, _stop.Token);

    private static async Task ReportAsync(IProgress<ProgressNotificationValue> progress, string profile, int timeoutSeconds, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var waited = (int)Stopwatch.GetElapsedTime(started).TotalSeconds;
                progress.Report(new ProgressNotificationValue
                {
                    Progress = waited,
                    Total = timeoutSeconds,
                    Message = $"Waiting for the {profile} worker: {waited} of at most {timeoutSeconds} s",
                });
            }
        }
        catch (OperationCanceledException)
        {
            // the handoff is over
        }
    }

    /// <summary>Stops reporting before the answer goes out, so no progress follows it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reporting;
        _stop.Dispose();
    }
}

namespace CliAgentOrchestrator.Core.Terminals.Status;

/// <summary>Detection cadence of a <see cref="StatusMonitor"/> (reference §3.3).</summary>
public sealed record StatusMonitorOptions
{
    /// <summary>
    /// While the screen last read as ready or unknown, output is followed by one detection this
    /// long after the first chunk: the agent is probably starting work and a burst of redraws
    /// should cost one capture, not one per chunk.
    /// </summary>
    public TimeSpan ReadyDebounce { get; init; } = TimeSpan.FromMilliseconds(75);

    /// <summary>While the screen last read as processing, detect after this much output silence.</summary>
    public TimeSpan Quiescence { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// While processing (or after input, until the screen moves), detect at least this often even
    /// without output, so a missed chunk or a steady spinner never leaves a terminal stuck. A tick
    /// is skipped when a capture ran within the last half interval.
    /// </summary>
    public TimeSpan SafetyInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A reading that would turn the status to completed is taken only from a screen that held still
    /// this long (captured again after the pause, up to <see cref="CompletedSettleChecks"/> times while it
    /// keeps changing): TUIs such as OpenCode and Copilot CLI draw a turn's end marker or idle footer a
    /// frame before the answer's last characters, and completed is when callers read the answer.
    /// Zero turns the check off.
    /// </summary>
    public TimeSpan CompletedSettle { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most re-captures for <see cref="CompletedSettle"/> before the last reading is taken as it is.</summary>
    public int CompletedSettleChecks { get; init; } = 10;

    /// <summary>Scrollback lines captured above the visible screen for detection.</summary>
    public int HistoryLines { get; init; } = 200;
}

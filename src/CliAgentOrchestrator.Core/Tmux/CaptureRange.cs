namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>How much of a pane <c>capture-pane</c> returns.</summary>
public readonly record struct CaptureRange
{
    private CaptureRange(int? historyLines) => HistoryLines = historyLines;

    /// <summary>Scrollback lines above the visible screen; null means the whole history.</summary>
    public int? HistoryLines { get; }

    /// <summary>The visible screen only.</summary>
    public static CaptureRange Visible => new(0);

    /// <summary>The whole scrollback plus the visible screen.</summary>
    public static CaptureRange FullHistory => new(null);

    /// <summary>The visible screen plus <paramref name="lines"/> lines of scrollback.</summary>
    public static CaptureRange WithHistory(int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        return new(lines);
    }
}

namespace CliAgentOrchestrator.Core.Terminals.Input;

/// <summary>How pasted text is submitted; providers supply the first two (reference §3.4 step 5).</summary>
/// <param name="EnterCount">Enter presses after the paste (Python default 2; 1 for simple REPLs).</param>
/// <param name="SubmitDelay">Pause between paste and the first Enter, so TUIs finish handling the paste.</param>
public sealed record TerminalInputOptions(int EnterCount, TimeSpan SubmitDelay)
{
    /// <summary>Pause between Enter presses, for TUIs that turn the first Enter into a newline.</summary>
    public TimeSpan EnterInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A command line for the pane's shell: pasted raw whatever the pane runs at that moment (a login
    /// shell still running its start-up files shows e.g. <c>sleep</c>, and bracket markers would reach
    /// the shell as keys).
    /// </summary>
    public bool ForShell { get; init; }

    /// <summary>
    /// The pane's foreground command when the caller has just read it (the liveness check does), so the
    /// sender need not ask tmux again; null makes the sender ask.
    /// </summary>
    public string? PaneCommand { get; init; }

    /// <summary>Python's defaults: two Enters, 0.3 s submit delay.</summary>
    public static TerminalInputOptions Default { get; } = new(2, TimeSpan.FromMilliseconds(300));
}

namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// The terminal as a provider sees it while launching its CLI: type, press keys, read the screen.
/// Implemented over tmux by the terminal service; tests may implement it over a scripted screen.
/// </summary>
public interface ITerminalConsole
{
    /// <summary>The terminal id (8 lowercase hex characters).</summary>
    string TerminalId { get; }

    /// <summary>Types <paramref name="text"/> as a shell command line and presses Enter once.</summary>
    /// <remarks>
    /// Counts as input for the status latch (like <c>send_input</c>): providers call it to launch their
    /// CLI and then wait for a ready status, which must not be a reading latched from the bare shell.
    /// </remarks>
    Task RunCommandAsync(string text, CancellationToken cancellationToken);

    /// <summary>Sends one tmux key name (<c>Enter</c>, <c>Down</c>, <c>C-c</c>, <c>3</c>, …) without Enter.</summary>
    Task SendKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>The visible screen plus <paramref name="historyLines"/> lines of scrollback, escapes stripped.</summary>
    Task<string> CaptureAsync(int historyLines, CancellationToken cancellationToken);

    /// <summary>
    /// What the terminal printed since its window opened (or the latest part of it that the console
    /// keeps), raw, escapes included; null when the console keeps no output, as by default. Counts as
    /// a look for <see cref="WaitForOutputAsync"/>, like <see cref="CaptureAsync"/>.
    /// </summary>
    /// <remarks>
    /// A command's answer is in the output before anyone reads the screen: start-up looks for the
    /// shell-ready probe's answer here first, which costs no screen capture (a tmux process in CAO).
    /// </remarks>
    string? ReadPrinted() => null;

    /// <summary>The name of the process in the foreground of the pane (e.g. <c>bash</c>, <c>node</c>).</summary>
    Task<string> CurrentCommandAsync(CancellationToken cancellationToken);

    /// <summary>The status the terminal's status monitor currently reports.</summary>
    TerminalStatus CurrentStatus { get; }

    /// <summary>
    /// Returns once the terminal prints something it had not printed at the last <see cref="CaptureAsync"/>,
    /// or after <paramref name="atMost"/>: start-up reads the screen when it changes, not on a clock.
    /// The default only waits, for consoles that cannot tell (scripted screens in tests).
    /// </summary>
    Task WaitForOutputAsync(TimeSpan atMost, CancellationToken cancellationToken) => Task.Delay(atMost, cancellationToken);
}

namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// The clocks of the init recipe (reference §8.3). Defaults follow the Python original; tests shrink
/// them so a scripted terminal does not cost seconds per case.
/// </summary>
public sealed record ProviderTimings
{
    /// <summary>How long a new pane's shell may take to run its first command (its start-up files included).</summary>
    public TimeSpan ShellStartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The longest wait between readings of the screen for the shell's answer to the probe; output ends a
    /// wait at once. A console that keeps the output (<see cref="ITerminalConsole.ReadPrinted"/>) is looked
    /// at on every output instead, and its screen read at the <see cref="ReadyPollInterval"/> pace while nothing prints.
    /// </summary>
    public TimeSpan ShellPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest wait between readings of the screen (status, dialogs) while the CLI starts; the
    /// terminal printing something ends a wait at once, so this only paces a screen that stays still.
    /// </summary>
    public TimeSpan ReadyPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A dialog answered this long ago, on a screen that has not changed since, is answered again.</summary>
    public TimeSpan DialogRetryAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A pane still (or again) at its shell this long after the launch means the CLI exited: init fails at
    /// once with the CLI's last words instead of waiting out its timeout. Null turns the check off.
    /// </summary>
    public TimeSpan? CliStartGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a terminal's creation waits, after the CLI is ready, for the CLI to connect CAO's MCP server
    /// (see <see cref="IProvider.CaoMcpServerWait"/>); past it the terminal is used anyway, with a warning.
    /// </summary>
    public TimeSpan CaoMcpConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Overrides the provider's init timeout (profile, env, default) when set.</summary>
    public TimeSpan? InitTimeout { get; init; }
}

namespace CliAgentOrchestrator.Core.Tmux;

// Sessions, windows and the server.
public sealed partial class TmuxClient
{
    /// <summary>Width and height of new sessions: Kiro's TUI fails to repaint when an 80x24
    /// detached pane is resized on attach, so start large (reference §3.1 step 4).</summary>
    public const int DefaultWidth = 220, DefaultHeight = 50;

    /// <summary>True when a session named exactly <paramref name="session"/> exists.</summary>
    public async Task<bool> HasSessionAsync(string session, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(["has-session", "-t", TmuxTarget.ExactSession(session)], cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    /// <summary>Creates a detached 220x50 session whose first window is <paramref name="firstWindow"/>.</summary>
    /// <returns>The PID of the shell tmux started in the window (<c>#{pane_pid}</c>, printed by the same tmux call); null if tmux's answer was unreadable.</returns>
    /// <param name="environment">Variables for the session's windows (tmux <c>-e</c>, sent on standard input, never as arguments); filter the server's own first.</param>
    /// <param name="shellCommand">What the window runs instead of the default shell (tmux runs it via <c>sh -c</c>).</param>
    /// <param name="outputPipe">A shell command the window's output is piped into from its first byte (<c>pipe-pane -o</c> in the same tmux call).</param>
    public Task<int?> NewSessionAsync(
        string session,
        string firstWindow,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        string? shellCommand = null,
        string? outputPipe = null,
        CancellationToken cancellationToken = default)
    {
        TmuxTarget.ValidateName(session, nameof(session));
        TmuxTarget.ValidateName(firstWindow, nameof(firstWindow));
        List<string> arguments =
        [
            "new-session", "-d", "-s", session, "-n", firstWindow,
            "-x", DefaultWidth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", DefaultHeight.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", workingDirectory,
            .. PanePidOutput,
        ];
        AddEnvironment(arguments, environment);
        AddCommand(arguments, shellCommand);
        return OpenAsync(arguments, PipeOf(new TmuxTarget(session, firstWindow), outputPipe), cancellationToken);
    }

    /// <summary>Adds a window to an existing session without making it the active one.</summary>
    /// <returns>The PID of the shell tmux started in the window (<c>#{pane_pid}</c>, printed by the same tmux call); null if tmux's answer was unreadable.</returns>
    /// <param name="shellCommand">What the window runs instead of the default shell.</param>
    /// <param name="outputPipe">A shell command the window's output is piped into from its first byte (<c>pipe-pane -o</c> in the same tmux call).</param>
    public Task<int?> NewWindowAsync(
        string session,
        string window,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        string? shellCommand = null,
        string? outputPipe = null,
        CancellationToken cancellationToken = default)
    {
        TmuxTarget.ValidateName(window, nameof(window));
        // "=session:" (trailing colon) means "the next free index in exactly this session".
        List<string> arguments = ["new-window", "-d", "-t", TmuxTarget.ExactSession(session) + ":", "-n", window, "-c", workingDirectory, .. PanePidOutput];
        AddEnvironment(arguments, environment);
        AddCommand(arguments, shellCommand);
        return OpenAsync(arguments, PipeOf(new TmuxTarget(session, window), outputPipe), cancellationToken);
    }

    /// <summary>All sessions of the server; empty when no server is running.</summary>
    public async Task<IReadOnlyList<TmuxSessionInfo>> ListSessionsAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(["list-sessions", "-F", "#{session_name}\t#{session_attached}"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            return result.NoServer ? [] : throw new TmuxCommandException(result.Arguments, result.ExitCode, result.Stderr);
        return SplitRows(result.Stdout)
            .Select(f => new TmuxSessionInfo(f[0], f.Length > 1 && f[1] != "0"))
            .ToList();
    }

    /// <summary>The windows of exactly <paramref name="session"/>, in index order.</summary>
    public async Task<IReadOnlyList<TmuxWindowInfo>> ListWindowsAsync(string session, CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(
            ["list-windows", "-t", TmuxTarget.ExactSession(session), "-F", "#{window_index}\t#{window_name}\t#{window_id}"],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return SplitRows(output)
            .Where(f => f.Length >= 3)
            .Select(f => new TmuxWindowInfo(int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f[1], f[2]))
            .ToList();
    }

    /// <summary>
    /// The active pane of every window of the server in one call; null when no server is running
    /// (every window is gone). Used to notice windows killed behind CAO's back and pipes that stopped.
    /// </summary>
    public async Task<IReadOnlyList<TmuxPaneInfo>?> ListAllPanesAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(
            ["list-windows", "-a", "-F", "#{session_name}\t#{window_name}\t#{pane_pid}\t#{pane_pipe}\t#{pane_current_command}"],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            return result.NoServer ? null : throw new TmuxCommandException(result.Arguments, result.ExitCode, result.Stderr);
        return SplitRows(result.Stdout)
            .Where(f => f.Length >= 5)
            .Select(f => new TmuxPaneInfo(f[0], f[1], int.TryParse(f[2], System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : 0, f[4], Piped: f[3] == "1"))
            .ToList();
    }

    public Task KillWindowAsync(TmuxTarget target, CancellationToken cancellationToken = default) =>
        RunAsync(["kill-window", "-t", target.ToString()], cancellationToken: cancellationToken);

    public Task KillSessionAsync(string session, CancellationToken cancellationToken = default) =>
        RunAsync(["kill-session", "-t", TmuxTarget.ExactSession(session)], cancellationToken: cancellationToken);

    /// <summary>Stops this client's tmux server; a no-op when none runs. Tests use it on their own socket.</summary>
    public async Task KillServerAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(["kill-server"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && !result.NoServer)
            throw new TmuxCommandException(result.Arguments, result.ExitCode, result.Stderr);
    }

    /// <summary>Sets a variable in the session environment, seen by windows created afterwards.</summary>
    public Task SetEnvironmentAsync(string session, string name, string value, CancellationToken cancellationToken = default) =>
        RunAsync(["set-environment", "-t", TmuxTarget.ExactSession(session), name, value], cancellationToken: cancellationToken);

    // -P -F: the new window's shell PID comes back on standard output of the call that opens it, so
    // finding the pane's foreground in /proc later needs no tmux process of its own.
    private static readonly string[] PanePidOutput = ["-P", "-F", "#{pane_pid}"];

    // Values of -e would be visible in `ps` as arguments of the tmux client; tmux reads the same
    // command from standard input instead, so only "source-file -" shows.
    // Environment values and the output pipe travel as a script on standard input: no value readable
    // in the process list, and one tmux process for both commands, the pipe skipped when the window
    // could not be made. A failure names the command that failed, not the "start-server" that read the
    // script: the window's PID on standard output means the window was made and its pipe failed.
    private async Task<int?> OpenAsync(List<string> arguments, IReadOnlyList<string>? followUp, CancellationToken cancellationToken)
    {
        var result = !arguments.Contains("-e") && followUp is null
            ? await ExecuteAsync(arguments, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await ExecuteAsync(TmuxScript.ReadFromStandardInput, followUp is null ? TmuxScript.Line(arguments) : TmuxScript.Sequence(arguments, followUp), cancellationToken).ConfigureAwait(false);
        int? pid = int.TryParse(result.Stdout.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : null;
        if (result.ExitCode != 0)
            throw new TmuxCommandException(result.Arguments, result.ExitCode, result.Stderr, pid is not null && followUp is not null ? followUp[0] : arguments[0]);
        return pid;
    }

    private static IReadOnlyList<string>? PipeOf(TmuxTarget window, string? outputPipe) =>
        outputPipe is null ? null : ["pipe-pane", "-o", "-t", window.ToString(), outputPipe];

    private static void AddEnvironment(List<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        if (environment is null)
            return;
        foreach (var (name, value) in environment)
        {
            arguments.Add("-e");
            arguments.Add($"{name}={value}");
        }
    }

    private static void AddCommand(List<string> arguments, string? shellCommand)
    {
        if (!string.IsNullOrEmpty(shellCommand))
            arguments.Add(shellCommand);
    }

    private static IEnumerable<string[]> SplitRows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split('\t'));
}

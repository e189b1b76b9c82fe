namespace CliAgentOrchestrator.Plugins.Providers;

// The init loop (reference §8.3): wait until the shell runs a probe command, then launch the CLI and
// read the screen each time the terminal prints (at least once per poll interval), answering known
// start-up dialogs, until the CLI reads as ready or the init timeout (counted from the launch) passes.
public abstract partial class ProviderBase
{
    // Lines of scrollback read with the visible screen when judging readiness during init; enough for
    // rules that look back at the previous prompt, small enough to stay cheap at 1 Hz.
    private const int InitCaptureHistory = 100;

    // The shell has its own, generous bound: a login shell on a loaded machine may take many seconds
    // (pyenv, nvm, …) and that must not eat into the time the CLI gets to start.
    // Returns whether the CLI is on the pane's PATH.
    private async Task<bool> WaitForShellAsync(ITerminalConsole console, CancellationToken cancellationToken)
    {
        var timeout = Timings.ShellStartTimeout;
        var deadline = DateTime.UtcNow + timeout;
        var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        await console.RunCommandAsync(ShellReadyProbe.Command(nonce, LaunchBinaryHint), cancellationToken).ConfigureAwait(false);
        string? printedBefore = null;
        while (true)
        {
            // The answer is in the output before it is on the screen: look there first. The screen is
            // read when the console keeps no output, and when nothing was printed since the last look
            // (the output must not be the only way to see the answer: a stalled pipe would hide it).
            var printed = console.ReadPrinted();
            var found = printed is null ? null : ShellReadyProbe.ReadPrinted(printed, nonce);
            if (found is null && (printed is null || printed == printedBefore))
                found = ShellReadyProbe.Read(await console.CaptureAsync(InitCaptureHistory, cancellationToken).ConfigureAwait(false), nonce);
            if (found is { } onPath)
                return onPath;
            printedBefore = printed;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException(
                    $"{Key}: the shell in terminal {console.TerminalId} did not run a command within {timeout.TotalSeconds:0.#} s; " +
                    "check the tmux pane (a start-up file may be waiting for input or failing).");
            // Output ends the wait at once; without output to look at, the screen is read at the quick pace.
            await console.WaitForOutputAsync(printed is null ? Timings.ShellPollInterval : Timings.ReadyPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitUntilReadyAsync(ITerminalConsole console, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var launchedAt = DateTime.UtcNow;
        var deadline = launchedAt + timeout;
        var answered = new Dictionary<string, (DateTime At, string Screen)>();
        var shown = new Dictionary<string, (DateTime Since, string Screen)>();
        var screen = "";
        var cliSeen = false;
        while (true)
        {
            screen = await console.CaptureAsync(InitCaptureHistory, cancellationToken).ConfigureAwait(false);
            var plain = AnsiText.Strip(screen);
            if (BlockingStartupScreen(plain) is { } blocker)
                throw new InvalidOperationException($"{Key} in terminal {console.TerminalId}: {blocker}");
            (cliSeen, var exited) = await CheckExitedAsync(console, cliSeen, launchedAt, cancellationToken).ConfigureAwait(false);
            if (exited)
                throw new InvalidOperationException(
                    $"{Key} exited during start-up in terminal {console.TerminalId}: {ExitSummary(plain)}");
            var dialog = ShowingDialog(screen);
            if (dialog is not null)
            {
                // Never "ready" while a known dialog is up: it may itself read as waiting_user_answer.
                var keys = dialog.KeysFor(plain);
                var step = dialog.Answers(keys) ? dialog.Name : dialog.Name + CursorStep;
                if (HasSettled(dialog, screen, shown) && ShouldSend(step, screen, answered))
                {
                    answered[step] = (DateTime.UtcNow, screen);
                    foreach (var key in keys)
                        await console.SendKeyAsync(key, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (IsReady(console.CurrentStatus) || IsReady(GetStatus(screen)))
            {
                // Either the status monitor or our own reading of a fresh capture is enough: the
                // monitor can lag (quiescence timer, stalled pipe), the capture cannot.
                return;
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException(
                    $"{Key} did not become ready in terminal {console.TerminalId} within {timeout.TotalSeconds:0.#} s " +
                    $"(status {GetStatus(screen)}; the screen ends: {ScreenEnd(plain)}). Check that '{LaunchBinaryHint}' works in a shell, or raise " +
                    $"provider_init_timeout in the profile / CAO_PROVIDER_INIT_TIMEOUT.");
            if (dialog is null)
                await console.WaitForOutputAsync(Timings.ReadyPollInterval, cancellationToken).ConfigureAwait(false);
            else
                // Not woken by redraws while a dialog is up: a key's effect can reach the screen in more
                // than one frame, and keys worked out from a half-drawn menu overshoot (Claude Code then
                // took "No, exit"). A dialog gets the full poll interval to react, as it always had.
                await Task.Delay(Timings.ReadyPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    // The login shell's PATH lacks the CLI (Debian's /etc/profile resets root's PATH; an nvm or npm
    // prefix set up only in an interactive rc file): give the pane the server's PATH after its own, so
    // what the server sees installed is what the pane runs — else say at once that the CLI is missing.
    private async Task AddServerPathAsync(ITerminalConsole console, CancellationToken cancellationToken)
    {
        var serverPath = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (ExecutableLocator.Find(LaunchBinaryHint, serverPath) is null)
            throw new CliNotFoundException(Key, LaunchBinaryHint);
        await console.RunCommandAsync(" export PATH=\"$PATH\":" + ShellQuote.Single(serverPath), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The program the launch command starts: looked up on the pane's PATH before launch, named in timeout messages.</summary>
    protected virtual string LaunchBinaryHint => Key;

    /// <summary>
    /// A one-line reason when the (escape-stripped) screen shows something CAO must not answer for the
    /// operator (a first-run setup, a login choice): init fails at once with it instead of timing out.
    /// </summary>
    protected virtual string? BlockingStartupScreen(string plainScreen) => null;

    /// <summary>What the screen of a CLI that exited during start-up says, on one line, for the error.</summary>
    protected virtual string ExitSummary(string plainScreen)
    {
        // The CLI's last words sit between the launch command (echoed after a shell prompt) and the
        // shell's new prompt (the last line).
        var lines = ScreenLines.Read(plainScreen).Where(l => l.Trim().Length > 0).ToArray();
        var said = new List<string>();
        for (var i = lines.Length - 2; i >= 0 && said.Count < ExitSummaryLines && !ShellPromptWithCommand().IsMatch(lines[i]); i--)
            said.Insert(0, lines[i]);
        if (said.Count == 0 && lines.Length > 0) said.Add(lines[^1]);
        var text = string.Join(" ", said.Select(l => l.Trim()));
        return text.Length > 0 ? text : "(nothing on the screen)";
    }

    private const int ExitSummaryLines = 3;

    // The last few non-blank lines, on one line: what the CLI shows when it is not recognised as ready.
    private static string ScreenEnd(string plainScreen)
    {
        var text = string.Join(" | ", ScreenLines.Read(plainScreen).Where(l => l.Trim().Length > 0).TakeLast(ExitSummaryLines).Select(l => l.Trim()));
        return text.Length > 0 ? $"'{text}'" : "(nothing)";
    }

    // "root@host:/work# claude --flag", "$ claude --flag": a prompt with a typed command.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\S*[#$%>] \S")]
    private static partial System.Text.RegularExpressions.Regex ShellPromptWithCommand();

    /// <summary>
    /// Whether the CLI is its own process in the pane's foreground (a binary, not a shell script), so a
    /// pane back at its shell during init means the CLI exited and init can fail at once.
    /// </summary>
    protected virtual bool ReportsExitDuringInit => false;

    // The CLI has exited when the pane's foreground command is the shell again after the CLI had taken
    // it, or when it never took it within the start grace (a CLI that refuses its flags exits before the
    // first look).
    private async Task<(bool CliSeen, bool Exited)> CheckExitedAsync(ITerminalConsole console, bool cliSeen, DateTime launchedAt, CancellationToken cancellationToken)
    {
        if (!ReportsExitDuringInit || ShellBaseline is null || Timings.CliStartGrace is not { } grace) return (cliSeen, false);
        var current = await console.CurrentCommandAsync(cancellationToken).ConfigureAwait(false);
        if (current.Length == 0) return (cliSeen, false);
        if (current != ShellBaseline) return (true, false);
        return (cliSeen, cliSeen || DateTime.UtcNow - launchedAt >= grace);
    }

    private StartupDialog? ShowingDialog(string screen)
    {
        var dialogs = StartupDialogs;
        if (dialogs.Count == 0) return null;
        var plain = AnsiText.Strip(screen);
        return dialogs.FirstOrDefault(d => d.IsShowing(plain));
    }

    private const string CursorStep = " (cursor)";

    // A dialog is answered once. It is answered again only if the screen has not changed at all since
    // (the keys were lost); a screen that changed is the CLI reacting, and more keys would land in
    // whatever comes next. Cursor moves are worked out afresh from every changed screen (the CLI drew
    // the move, or something else), and re-sent on an unchanged one after the same pause.
    private bool ShouldSend(string step, string screen, Dictionary<string, (DateTime At, string Screen)> sent)
    {
        if (!sent.TryGetValue(step, out var last)) return true;
        var unchangedLongEnough = DateTime.UtcNow - last.At >= Timings.DialogRetryAfter && last.Screen == screen;
        return unchangedLongEnough || (step.EndsWith(CursorStep, StringComparison.Ordinal) && last.Screen != screen);
    }

    // A dialog with a settle time is answered once the same screen has shown it that long; any change
    // of the screen starts the wait again.
    private static bool HasSettled(StartupDialog dialog, string screen, Dictionary<string, (DateTime Since, string Screen)> shown)
    {
        if (dialog.Settle <= TimeSpan.Zero) return true;
        if (!shown.TryGetValue(dialog.Name, out var seen) || seen.Screen != screen)
        {
            shown[dialog.Name] = (DateTime.UtcNow, screen);
            return false;
        }
        return DateTime.UtcNow - seen.Since >= dialog.Settle;
    }

    private bool IsReady(TerminalStatus status) =>
        status is TerminalStatus.Idle or TerminalStatus.Completed
        || (WaitingUserAnswerEndsInit && status == TerminalStatus.WaitingUserAnswer);
}

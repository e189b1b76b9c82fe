using System.Collections.Concurrent;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.Terminals;

// Terminals that died behind CAO's back: a window killed with tmux, the whole tmux server gone,
// the CLI exited to its shell. Each is noticed once (by the watchdog, by input, or at start),
// gets status error with a reason, and from then on every operation but delete answers a conflict
// naming the reason instead of failing inside tmux.
public sealed partial class TerminalService
{
    private readonly ConcurrentDictionary<string, TerminalFault> _faults = new(StringComparer.Ordinal);

    /// <summary>Raised once when a terminal goes out of service (the inbox fails its queued messages).</summary>
    public event EventHandler<TerminalFailedEventArgs>? TerminalFailed;

    /// <summary>Why the terminal is out of service, or null when it is not.</summary>
    public string? FaultOf(string terminalId) => _faults.TryGetValue(terminalId, out var fault) ? fault.Reason : null;

    /// <summary>How many terminals are out of service (for <c>/health</c>).</summary>
    public int FaultCount => _faults.Count;

    /// <summary>
    /// Looks at every tracked terminal whose CLI was started, in one tmux call: a missing window, a
    /// missing tmux server or a pane back at its shell puts the terminal out of service.
    /// </summary>
    public async Task CheckLivenessAsync(CancellationToken cancellationToken)
    {
        var watched = _runtimes.Values.Where(r => r.CliStarted).ToList();
        if (watched.Count == 0)
            return;
        var panes = await tmux.ListAllPanesAsync(cancellationToken);
        if (panes is null)
        {
            var reason = $"the tmux server{SocketLabel} is gone, and with it the terminal's window";
            foreach (var runtime in watched)
                await FailAsync(runtime, reason, windowGone: true);
            return;
        }
        var byWindow = TmuxPaneInfo.ByWindow(panes);
        foreach (var runtime in watched)
        {
            if (!byWindow.TryGetValue((runtime.Record.SessionName, runtime.Record.WindowName), out var pane))
                await FailAsync(runtime, $"its tmux window {runtime.Record.SessionName}:{runtime.Record.WindowName} is gone (killed outside CAO)", windowGone: true);
            else if (ForegroundShell.IsBackAtShell(pane.Pid, pane.Command))
                await FailAsync(runtime, CliExitedReason(runtime), windowGone: false);
        }
    }

    private string SocketLabel => tmux.SocketName is { } socket ? $" (socket '{socket}')" : "";

    private static string CliExitedReason(TerminalRuntime runtime) =>
        $"its CLI ({runtime.Provider.Key}) is not running: the pane is back at its shell";

    // Refuses input into a pane whose CLI exited: the text would run as shell commands. Returns the
    // pane's foreground command (null when tmux's answer was unreadable), which the input sender needs too.
    private async Task<string?> RequireCliRunningAsync(TerminalRuntime runtime, CancellationToken cancellationToken)
    {
        var (command, backAtShell) = await ForegroundOfAsync(runtime, cancellationToken);
        if (!backAtShell)
            return command;
        var reason = runtime.CliStarted ? CliExitedReason(runtime) : $"its CLI ({runtime.Provider.Key}) has not started yet";
        if (runtime.CliStarted)
            await FailAsync(runtime, reason, windowGone: false);
        throw new ConflictException(
            $"Terminal '{runtime.Record.Id}' refused the input: {reason}, so the text would run as shell commands; delete the terminal and create a new one");
    }

    // The pane's shell is the same for the window's whole life, so once tmux has named its PID the
    // kernel answers (/proc), which saves every message a tmux process. tmux is asked when the kernel
    // cannot tell: the first time, off Linux, or when the shell or the foreground process is gone.
    private async Task<(string? Command, bool BackAtShell)> ForegroundOfAsync(TerminalRuntime runtime, CancellationToken cancellationToken)
    {
        if (runtime.PanePid is { } known && ForegroundShell.Read(known) is { } foreground)
            return (foreground.Command, foreground.BackAtShell);
        string pane;
        try
        {
            pane = await tmux.DisplayAsync(runtime.Target, "#{pane_pid}\t#{pane_current_command}", cancellationToken);
        }
        catch (TmuxCommandException ex)
        {
            throw new ConflictException($"Terminal '{runtime.Record.Id}': tmux cannot reach its window ({FirstLine(ex.Stderr)}); see GET /terminals/{runtime.Record.Id}");
        }
        var fields = pane.Split('\t');
        if (fields.Length < 2)
            return (null, false);
        if (!int.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out var pid))
            return (fields[1], false);
        runtime.PanePid = pid;
        return (fields[1], ForegroundShell.IsBackAtShell(pid, fields[1]));
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private async Task FailAsync(TerminalRuntime runtime, string reason, bool windowGone)
    {
        var record = runtime.Record;
        // A terminal being deleted right now is untracked first: that is not a death to report.
        if (!_runtimes.TryGetValue(record.Id, out var current) || !ReferenceEquals(current, runtime)
            || !_faults.TryAdd(record.Id, new TerminalFault(reason, windowGone, KillAnnounced: windowGone)))
            return;
        logger.LogWarning("Terminal {TerminalId} ({Profile} in {Session}) is out of service: {Reason}; its status is now error",
            record.Id, record.AgentProfile, record.SessionName, reason);
        AnnounceStatus(runtime, CliAgentOrchestrator.Plugins.Providers.TerminalStatus.Error);
        if (windowGone)
        {
            await UntrackAsync(record.Id, target: null);
            events.Publish(new PostKillTerminalEvent
            {
                SessionId = record.SessionName,
                TerminalId = record.Id,
                AgentName = record.AgentProfile,
            });
        }
        TerminalFailed?.Invoke(this, new TerminalFailedEventArgs(record.Id, reason));
    }

    // What every operation but delete answers for a terminal out of service.
    private static ConflictException OutOfService(string terminalId, string reason) =>
        new($"Terminal '{terminalId}' is out of service: {reason}. Delete it (DELETE /terminals/{terminalId}) and create a new one");
}

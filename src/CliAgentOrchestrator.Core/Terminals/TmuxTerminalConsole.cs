using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>A terminal's window as a provider sees it while it launches its CLI.</summary>
/// <param name="panePid">The window's shell PID, when known: the foreground command is then read from /proc.</param>
internal sealed class TmuxTerminalConsole(string terminalId, TmuxTarget target, int? panePid, TmuxClient tmux, TerminalInputSender input, StatusMonitor monitor, TerminalOutputTail tail) : ITerminalConsole
{
    private long _capturedAt; // the tail's position when the screen or the output was last looked at
    // A shell reads the pasted command and the Enter in order: no pause between them, one tmux command.
    private static readonly TerminalInputOptions CommandLine = new(EnterCount: 1, SubmitDelay: TimeSpan.Zero) { ForShell = true };

    public string TerminalId => terminalId;

    public TerminalStatus CurrentStatus => monitor.Status;

    public Task RunCommandAsync(string text, CancellationToken cancellationToken)
    {
        monitor.NotifyInputSent();
        return input.SendTextAsync(target, text, CommandLine, cancellationToken);
    }

    public Task SendKeyAsync(string key, CancellationToken cancellationToken)
    {
        monitor.NotifyInputSent();
        return tmux.SendKeyAsync(target, key, cancellationToken);
    }

    public Task<string> CaptureAsync(int historyLines, CancellationToken cancellationToken)
    {
        // Taken before the capture: output arriving during it counts as new.
        Volatile.Write(ref _capturedAt, tail.Position);
        return tmux.CapturePaneAsync(target, CaptureRange.WithHistory(historyLines), cancellationToken: cancellationToken);
    }

    // The tail's buffer: no tmux process. The position is taken first, so output that arrives while the
    // buffer is copied counts as new (the buffer is written before the position moves).
    public string? ReadPrinted()
    {
        Volatile.Write(ref _capturedAt, tail.Position);
        return tail.GetBufferedText();
    }

    public async Task WaitForOutputAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        var printed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = tail.Subscribe(_ => printed.TrySetResult());
        if (tail.Position != Volatile.Read(ref _capturedAt))
            return; // printed between the capture and the subscription
        try
        {
            await printed.Task.WaitAsync(atMost, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing printed: the caller looks again anyway (dialog retries, exit checks, deadlines).
        }
    }

    // The kernel names the foreground as tmux does (ForegroundShell), without a tmux process: init asks
    // once for the shell's name, and providers that watch for an early exit ask on every look.
    public Task<string> CurrentCommandAsync(CancellationToken cancellationToken) =>
        panePid is { } pid && ForegroundShell.Read(pid) is { } foreground
            ? Task.FromResult(foreground.Command)
            : tmux.GetPaneCurrentCommandAsync(target, cancellationToken);
}

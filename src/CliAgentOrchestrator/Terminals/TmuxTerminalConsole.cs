using CliAgentOrchestrator.Providers;
using CliAgentOrchestrator.Terminals.Input;
using CliAgentOrchestrator.Terminals.Status;
using CliAgentOrchestrator.Tmux;

namespace CliAgentOrchestrator.Terminals;

/// <summary>
/// A terminal's window as a provider sees it while launching its CLI. Everything typed arms the
/// status latch first (reference §8.3): the launch command must be allowed to move a latched
/// shell "idle" to processing, or the provider would wait for a status that can never change.
/// </summary>
public sealed class TmuxTerminalConsole(
    string terminalId,
    TmuxTarget target,
    TmuxClient tmux,
    TerminalInputSender input,
    StatusMonitor monitor) : ITerminalConsole
{
    // A shell needs neither a long settle time nor a second Enter.
    private static readonly TerminalInputOptions CommandLine = new(1, TimeSpan.FromMilliseconds(100));

    public string TerminalId { get; } = terminalId;

    public TerminalStatus CurrentStatus => monitor.Status;

    public Task RunCommandAsync(string text, CancellationToken cancellationToken)
    {
        monitor.NotifyInputSent();
        return input.SendTextAsync(target, text, CommandLine, cancellationToken);
    }

    /// <summary>Any tmux key: providers answer their own CLIs' dialogs, the API allow-list is for callers.</summary>
    public Task SendKeyAsync(string key, CancellationToken cancellationToken)
    {
        monitor.NotifyInputSent();
        return tmux.SendKeyAsync(target, key, cancellationToken);
    }

    public Task<string> CaptureAsync(int historyLines, CancellationToken cancellationToken) =>
        tmux.CapturePaneAsync(target, CaptureRange.WithHistory(historyLines), cancellationToken: cancellationToken);

    public Task<string> CurrentCommandAsync(CancellationToken cancellationToken) =>
        tmux.GetPaneCurrentCommandAsync(target, cancellationToken);
}

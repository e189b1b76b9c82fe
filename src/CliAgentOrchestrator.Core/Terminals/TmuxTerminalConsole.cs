using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>A terminal's window as a provider sees it while it launches its CLI.</summary>
internal sealed class TmuxTerminalConsole(string terminalId, TmuxTarget target, TmuxClient tmux, TerminalInputSender input, StatusMonitor monitor) : ITerminalConsole
{
    private static readonly TerminalInputOptions CommandLine = new(EnterCount: 1, SubmitDelay: TimeSpan.FromMilliseconds(100)) { ForShell = true };

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

    public Task<string> CaptureAsync(int historyLines, CancellationToken cancellationToken) =>
        tmux.CapturePaneAsync(target, CaptureRange.WithHistory(historyLines), cancellationToken: cancellationToken);

    public Task<string> CurrentCommandAsync(CancellationToken cancellationToken) =>
        tmux.GetPaneCurrentCommandAsync(target, cancellationToken);
}

using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

// The dashboard's live terminal: the pane's visible screen, and keys typed by a user who took control.
public sealed partial class TerminalService
{
    /// <summary>The visible screen with colour escapes, the pane's size and cursor; 404 unknown, 409 out of service.</summary>
    public async Task<PaneScreen> CaptureScreenAsync(string terminalId, CancellationToken cancellationToken)
    {
        var target = RuntimeOf(Require(terminalId), allowExitedCli: true).Target;
        var (columns, rows, x, y) = await tmux.GetPaneGeometryAsync(target, cancellationToken);
        var text = await tmux.CapturePaneAsync(target, CaptureRange.Visible, withEscapes: true, cancellationToken: cancellationToken);
        return new PaneScreen(text, columns, rows, x, y);
    }

    /// <summary>
    /// Types raw terminal bytes (what a terminal emulator sends for keys) into the pane. Only the
    /// dashboard's attach socket calls this, after the user took control; the status monitor is told,
    /// as for any input, so the next screen is re-read.
    /// </summary>
    public async Task SendRawKeysAsync(string terminalId, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        var runtime = RuntimeOf(record);
        runtime.Monitor.NotifyInputSent();
        await tmux.SendBytesAsync(runtime.Target, bytes, cancellationToken);
        terminals.Touch(record.Id);
    }
}

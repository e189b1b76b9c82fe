using System.Globalization;

namespace CliAgentOrchestrator.Core.Tmux;

// What the dashboard's live terminal needs: the visible screen with its size and cursor, and raw key bytes.
public sealed partial class TmuxClient
{
    /// <summary>The pane's size and cursor position (<c>#{pane_width}</c> etc.), read in one call.</summary>
    public async Task<(int Columns, int Rows, int CursorX, int CursorY)> GetPaneGeometryAsync(TmuxTarget target, CancellationToken cancellationToken = default)
    {
        var text = await DisplayAsync(target, "#{pane_width} #{pane_height} #{cursor_x} #{cursor_y}", cancellationToken).ConfigureAwait(false);
        var parts = text.Split(' ');
        int At(int i) => parts.Length > i && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return (At(0), At(1), At(2), At(3));
    }

    /// <summary>
    /// Types raw bytes into the pane, as a terminal emulator would send them (<c>send-keys -H</c>: each
    /// byte as hex), so control characters and escape sequences (arrows, Ctrl keys) arrive unchanged.
    /// </summary>
    public Task SendBytesAsync(TmuxTarget target, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        if (bytes.IsEmpty)
            return Task.CompletedTask;
        List<string> arguments = ["send-keys", "-t", target.ToString(), "-H"];
        foreach (var b in bytes.Span)
            arguments.Add(b.ToString("x2", CultureInfo.InvariantCulture));
        return RunAsync(arguments, cancellationToken: cancellationToken);
    }
}

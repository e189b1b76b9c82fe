using System.Text;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Dashboard;

/// <summary>
/// Turns a captured screen into what the browser's terminal writes: home, clear, each row (colour reset
/// first, so a colour never bleeds into the next row) and the cursor where tmux has it. Rows are joined,
/// not ended, with CR LF, so writing the last row never scrolls the view.
/// </summary>
public static class ScreenFrame
{
    public static string From(PaneScreen screen)
    {
        var rows = screen.Text.TrimEnd('\n').Split('\n');
        var frame = new StringBuilder("\u001b[H\u001b[2J");
        for (var i = 0; i < rows.Length && i < Math.Max(1, screen.Rows); i++)
        {
            if (i > 0)
                frame.Append("\r\n");
            frame.Append("\u001b[0m").Append(rows[i].TrimEnd('\r'));
        }
        frame.Append("\u001b[0m\u001b[").Append(screen.CursorY + 1).Append(';').Append(screen.CursorX + 1).Append('H');
        return frame.ToString();
    }
}

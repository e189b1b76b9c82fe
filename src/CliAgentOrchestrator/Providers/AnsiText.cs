using System.Text;
using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Providers;

/// <summary>
/// Turns terminal output (tmux captures with <c>-e</c>, or the raw pipe-pane stream) into plain text
/// that status rules can read line by line.
/// </summary>
public static partial class AnsiText
{
    /// <summary>Removes escape sequences and control characters, keeping line structure.</summary>
    /// <remarks>
    /// Claude Code's TUI moves the cursor (<c>ESC[13G</c>, <c>ESC[2C</c>) instead of printing spaces
    /// between words, so cursor-forward and column moves become one space; dropping them would glue
    /// words together (<c>Sautéed for 1s</c> would read <c>Sautéedfor1s</c>). Every other sequence
    /// (colours, modes, titles) is removed outright.
    /// </remarks>
    public static string Strip(string text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var withoutOsc = OscSequence().Replace(text, "");
        var spaced = CursorForward().Replace(withoutOsc, " ");
        var plain = OtherEscape().Replace(spaced, "");
        var builder = new StringBuilder(plain.Length);
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            if (c == '\r')
            {
                // "\r\n" is a line end; a lone carriage return starts the line over, which for a
                // line-based reader is closest to a new line.
                if (i + 1 < plain.Length && plain[i + 1] == '\n') continue;
                builder.Append('\n');
            }
            else if (c == '\n' || c == '\t' || !char.IsControl(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Stripped text split into lines, each without trailing whitespace (incl. no-break spaces).</summary>
    public static string[] Lines(string text) =>
        Strip(text).Split('\n').Select(line => line.TrimEnd()).ToArray();

    // OSC: ESC ] ... terminated by BEL or ESC \ (window titles, hyperlinks).
    [GeneratedRegex(@"\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?")]
    private static partial Regex OscSequence();

    // CSI n C (cursor forward) and CSI n G (cursor to column).
    [GeneratedRegex(@"\x1B\[[0-9]*[CG]")]
    private static partial Regex CursorForward();

    // Any other CSI sequence (with private-mode and intermediate bytes), then two-byte escapes.
    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B[()][0-9A-Za-z]|\x1B[@-Z\\-_=>78]")]
    private static partial Regex OtherEscape();
}

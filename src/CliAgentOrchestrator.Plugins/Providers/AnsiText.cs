using System.Text;

namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// Turns terminal output (tmux captures with <c>-e</c>, or the raw pipe-pane stream) into plain text
/// that status rules can read line by line.
/// </summary>
public static class AnsiText
{
    // A cursor move further than this is a redraw jump, not layout worth reproducing.
    private const int MaxPadding = 400;

    /// <summary>Removes escape sequences and control characters, keeping line structure and layout.</summary>
    /// <remarks>
    /// Claude Code's TUI moves the cursor (<c>ESC[13G</c>, <c>ESC[2C</c>) instead of printing spaces
    /// between words and for indentation, so cursor-forward and column moves become spaces (the column
    /// is tracked per line); dropping them would glue words together and lose code indentation.
    /// Every other sequence (colours, modes, titles, vertical moves) is removed outright.
    /// </remarks>
    public static string Strip(string text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var output = new StringBuilder(text.Length);
        var column = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\u001b')
            {
                i = SkipEscape(text, i, output, ref column);
                continue;
            }
            i++;
            switch (c)
            {
                case '\n':
                    output.Append('\n');
                    column = 0;
                    break;
                case '\r':
                    // "\r\n" is a line end; a lone carriage return restarts the line, which for a
                    // line-based reader is closest to a new line.
                    if (i < text.Length && text[i] == '\n') break;
                    output.Append('\n');
                    column = 0;
                    break;
                case '\t':
                    output.Append('\t');
                    column = (column / 8 + 1) * 8;
                    break;
                default:
                    if (char.IsControl(c)) break;
                    output.Append(c);
                    if (!char.IsLowSurrogate(c)) column++;
                    break;
            }
        }
        return output.ToString();
    }

    /// <summary>Stripped text split into lines, each without trailing whitespace (incl. no-break spaces).</summary>
    public static string[] Lines(string text) =>
        Strip(text).Split('\n').Select(line => line.TrimEnd()).ToArray();

    // Consumes one escape sequence starting at text[start] (ESC); returns the index after it.
    private static int SkipEscape(string text, int start, StringBuilder output, ref int column)
    {
        var i = start + 1;
        if (i >= text.Length) return i;
        var kind = text[i++];
        switch (kind)
        {
            case '[':
            {
                var paramStart = i;
                while (i < text.Length && text[i] is >= '0' and <= '?') i++;
                var parameters = text[paramStart..i];
                while (i < text.Length && text[i] is >= ' ' and <= '/') i++;
                if (i >= text.Length) return i;
                var final = text[i++];
                if (final == 'C') Pad(output, ref column, column + Count(parameters));
                else if (final == 'G') Pad(output, ref column, Count(parameters) - 1);
                return i;
            }
            case ']' or 'P' or '_' or '^' or 'X':
                // OSC / DCS / APC / PM / SOS: a string ended by BEL or ESC \.
                while (i < text.Length)
                {
                    if (text[i] == '\u0007') return i + 1;
                    if (text[i] == '\u001b' && i + 1 < text.Length && text[i + 1] == '\\') return i + 2;
                    i++;
                }
                return i;
            case '(' or ')' or '*' or '+':
                return Math.Min(i + 1, text.Length); // character-set designation: one more byte
            default:
                return i; // two-byte escapes: ESC 7, ESC 8, ESC =, ESC >, ESC M…
        }
    }

    private static int Count(string parameters)
    {
        var digits = parameters.TakeWhile(char.IsAsciiDigit).ToArray();
        return digits.Length == 0 ? 1 : Math.Max(1, int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Pad(StringBuilder output, ref int column, int target)
    {
        if (target > column)
        {
            var spaces = Math.Min(target - column, MaxPadding);
            output.Append(' ', spaces);
            column += spaces;
        }
        else if (output.Length > 0 && output[^1] is not (' ' or '\n'))
        {
            // Moving back over text we already emitted: keep the words apart at least.
            output.Append(' ');
            column++;
        }
    }
}

namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// Picks an option of a TUI selection menu drawn as one option per line with a cursor glyph
/// (<c>❯</c>, <c>›</c> or <c>&gt;</c>) in front of the selected one, as Claude Code's dialogs are:
/// <code>
///  ❯ No, exit
///    Yes, I trust this folder
/// </code>
/// The option is chosen by its text, not by its position: CLIs reorder options between releases
/// (Claude Code 2.1 put "No, exit" first), and a bare Enter would then pick whatever is preselected.
/// Choosing takes two looks at the screen: first the cursor is moved, then Enter is pressed only once
/// the screen shows the cursor on the option. Keys that reach a dialog drawn a moment before its input
/// handler is listening are lost, and sending the moves and Enter together then picked "No, exit".
/// </summary>
public static class MenuCursor
{
    // Options sit at the bottom of the screen, under the dialog's text.
    private const int SearchLines = 30;

    /// <summary>The key that picks the option under the cursor.</summary>
    public const string Enter = "Enter";

    private static readonly char[] CursorGlyphs = ['❯', '›', '>'];

    /// <summary>
    /// The next keys towards choosing the last option starting with <paramref name="option"/>
    /// (case-insensitive, after the cursor and any "2." numbering): the moves from the selected option
    /// to it, or Enter when the cursor is on it already; empty when the screen shows no cursor or no such
    /// option (nothing is sent rather than a guess).
    /// </summary>
    public static IReadOnlyList<string> KeysToChoose(string plainScreen, string option)
    {
        var lines = ScreenLines.Read(plainScreen);
        var first = Math.Max(0, lines.Length - SearchLines);
        var cursor = -1;
        var target = -1;
        for (var i = lines.Length - 1; i >= first && (cursor < 0 || target < 0); i--)
        {
            if (cursor < 0 && IsCursorLine(lines[i])) cursor = i;
            if (target < 0 && OptionText(lines[i]).StartsWith(option, StringComparison.OrdinalIgnoreCase)) target = i;
        }
        if (cursor < 0 || target < 0) return [];

        // Options are one per line; blank lines between them (some menus space them out) are not steps.
        var (from, to) = cursor < target ? (cursor, target) : (target, cursor);
        var steps = 0;
        for (var i = from + 1; i <= to; i++)
            if (lines[i].Trim().Length > 0) steps++;
        if (steps == 0) return [Enter];
        var move = cursor < target ? "Down" : "Up";
        return [.. Enumerable.Repeat(move, steps)];
    }

    // "  ❯ 2. Yes, I accept" → "Yes, I accept".
    private static string OptionText(string line)
    {
        var text = line.Trim();
        if (text.Length > 0 && CursorGlyphs.Contains(text[0])) text = text[1..].TrimStart();
        var dot = text.IndexOf(". ", StringComparison.Ordinal);
        if (dot > 0 && text[..dot].All(char.IsAsciiDigit)) text = text[(dot + 2)..].TrimStart();
        return text;
    }

    private static bool IsCursorLine(string line)
    {
        var text = line.TrimStart();
        return text.Length > 1 && CursorGlyphs.Contains(text[0]) && char.IsWhiteSpace(text[1]) && text[1..].Trim().Length > 0;
    }
}

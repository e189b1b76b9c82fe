using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>Line-level helpers shared by the providers' screen rules.</summary>
public static class ScreenLines
{
    /// <summary>Stripped lines with trailing blank lines removed (the cursor's empty rows below the prompt).</summary>
    public static string[] Read(string screen)
    {
        var lines = AnsiText.Lines(screen);
        var end = lines.Length;
        while (end > 0 && lines[end - 1].Length == 0) end--;
        return lines[..end];
    }

    /// <summary>Index of the last line matching <paramref name="pattern"/> at or after <paramref name="from"/>, else -1.</summary>
    public static int LastIndex(IReadOnlyList<string> lines, Regex pattern, int from = 0, int? before = null)
    {
        for (var i = (before ?? lines.Count) - 1; i >= Math.Max(from, 0); i--)
            if (pattern.IsMatch(lines[i])) return i;
        return -1;
    }

    /// <summary>Index of the first line matching <paramref name="pattern"/> in [from, before), else -1.</summary>
    public static int FirstIndex(IReadOnlyList<string> lines, Regex pattern, int from = 0, int? before = null)
    {
        for (var i = Math.Max(from, 0); i < (before ?? lines.Count); i++)
            if (pattern.IsMatch(lines[i])) return i;
        return -1;
    }

    /// <summary>The last <paramref name="count"/> non-blank lines, as one string (for dialog checks).</summary>
    public static string Tail(string plainText, int count)
    {
        var lines = plainText.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count)));
    }

    /// <summary>
    /// Whether <paramref name="text"/> is on one of the last <paramref name="window"/> lines with no line
    /// matching <paramref name="answeredBy"/> (the CLI's own prompt) below it: a dialog still waiting.
    /// </summary>
    public static bool ShowsUnanswered(string plainText, string text, Regex answeredBy, int window = 20)
    {
        var lines = Read(plainText);
        var at = -1;
        for (var i = lines.Length - 1; i >= Math.Max(0, lines.Length - window); i--)
            if (lines[i].Contains(text, StringComparison.OrdinalIgnoreCase)) { at = i; break; }
        return at >= 0 && LastIndex(lines, answeredBy, at + 1) < 0;
    }

    /// <summary>Joins lines, trimming blank lines at both ends and common trailing whitespace.</summary>
    public static string JoinMessage(IEnumerable<string> lines)
    {
        var list = lines.Select(l => l.TrimEnd()).ToList();
        while (list.Count > 0 && list[0].Trim().Length == 0) list.RemoveAt(0);
        while (list.Count > 0 && list[^1].Trim().Length == 0) list.RemoveAt(list.Count - 1);
        return string.Join('\n', list);
    }
}

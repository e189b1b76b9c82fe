namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// POSIX shell quoting for what reaches a shell through tmux: launch commands typed into the pane's
/// shell, and the pipe-pane command tmux hands to <c>/bin/sh</c>.
/// </summary>
public static class ShellQuote
{
    /// <summary>
    /// <paramref name="value"/> as one POSIX shell word: single-quoted, with each embedded quote
    /// written as <c>'\''</c>, so spaces, <c>$</c> and backquotes in paths stay literal.
    /// </summary>
    public static string Single(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Like <see cref="Single"/>, but leaves words that need no quoting as they are (readable commands).</summary>
    public static string Quote(string value) => value.Length > 0 && value.All(IsSafe) ? value : Single(value);

    /// <summary>Joins words, quoting each as needed.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static bool IsSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',' or '@' or '+' or '%';
}

namespace CliAgentOrchestrator.Tmux;

/// <summary>Quoting for the few strings tmux hands to <c>/bin/sh</c> (the pipe-pane command).</summary>
public static class ShellQuote
{
    /// <summary>
    /// <paramref name="value"/> as one POSIX shell word: single-quoted, with each embedded quote
    /// written as <c>'\''</c>, so spaces, <c>$</c> and backquotes in paths stay literal.
    /// </summary>
    public static string Single(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

namespace CliAgentOrchestrator.Providers;

/// <summary>POSIX shell quoting for launch commands typed into the pane's shell.</summary>
public static class ShellQuote
{
    /// <summary>Quotes <paramref name="value"/> so the shell passes it through as one word.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(IsSafe)) return value;
        return "'" + value.Replace("'", "'\\''") + "'";
    }

    /// <summary>Joins words, quoting each as needed.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static bool IsSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',' or '@' or '+' or '%';
}

namespace CliAgentOrchestrator.Core.Terminals.Input;

/// <summary>
/// Foreground commands that are interactive shells. A shell gets a raw paste: old bash (4.x)
/// does not understand bracket markers and would type them into the command line.
/// </summary>
public static class PlainShells
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "sh", "bash", "zsh", "fish", "dash", "ksh", "mksh", "ash", "tcsh", "csh", "busybox",
    };

    /// <summary>True when <paramref name="paneCommand"/> (<c>#{pane_current_command}</c>) is a plain shell.</summary>
    public static bool IsPlainShell(string paneCommand)
    {
        // Login shells show as "-bash"; some systems report a path.
        var name = Path.GetFileName(paneCommand.Trim()).TrimStart('-');
        return Names.Contains(name);
    }
}

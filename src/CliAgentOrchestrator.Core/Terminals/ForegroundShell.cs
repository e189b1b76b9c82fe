using System.Globalization;
using CliAgentOrchestrator.Core.Terminals.Input;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>
/// Whether a pane is back at its shell, i.e. the agent CLI launched in it has exited. The pane's
/// command name alone cannot tell (mock_cli is a bash script, so it shows as <c>bash</c> like the
/// shell under it), so on Linux we ask the kernel which process group owns the terminal: when it is
/// the shell's own, nothing runs in the foreground. Elsewhere we cannot tell and say no.
/// </summary>
public static class ForegroundShell
{
    /// <param name="panePid"><c>#{pane_pid}</c>: the shell tmux started in the pane.</param>
    /// <param name="paneCommand"><c>#{pane_current_command}</c>.</param>
    public static bool IsBackAtShell(int panePid, string paneCommand)
    {
        if (panePid <= 0 || !PlainShells.IsPlainShell(paneCommand) || !OperatingSystem.IsLinux())
            return false;
        return ForegroundGroupOf(panePid) == panePid;
    }

    // /proc/<pid>/stat: "pid (comm) state ppid pgrp session tty_nr tpgid ..."; comm may hold spaces
    // and parentheses, so the fields are counted from the last ')'.
    private static int? ForegroundGroupOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the shell is gone too: the window's watcher reports that
        }
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 5 && int.TryParse(fields[5], CultureInfo.InvariantCulture, out var tpgid) ? tpgid : null;
    }
}

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

    /// <summary>
    /// The pane's foreground command and whether its shell is back in front, from <c>/proc</c> alone (no
    /// tmux call); null where that cannot be told (not Linux, the shell or the foreground process gone).
    /// </summary>
    /// <param name="panePid"><c>#{pane_pid}</c>: the shell tmux started in the pane.</param>
    public static PaneForeground? Read(int panePid)
    {
        if (panePid <= 0 || !OperatingSystem.IsLinux() || ForegroundGroupOf(panePid) is not { } group || group <= 0)
            return null;
        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{group.ToString(CultureInfo.InvariantCulture)}/cmdline");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the group's leader exited while the group lives on: tmux knows better
        }
        var command = CommandName(commandLine);
        // No argv while the process swaps its image (exec) or once it is a zombie: its kernel name (comm) is
        // what it is at that moment, and asking tmux instead would read the same empty argv.
        if (command.Length == 0)
            command = KernelName(group);
        return command.Length == 0 ? null : new PaneForeground(command, group == panePid && PlainShells.IsPlainShell(command));
    }

    private static string KernelName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/comm").TrimEnd('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    // tmux names a pane's command after the first word of its foreground leader's argv[0], without
    // a login shell's '-' or the directories (names.c, parse_window_name).
    private static string CommandName(string commandLine)
    {
        var name = commandLine.Split('\0', 2)[0];
        if (name.StartsWith('"'))
            name = name[1..];
        name = name.Split('"', 2)[0];
        if (name.StartsWith("exec ", StringComparison.Ordinal))
            name = name["exec ".Length..];
        name = name.TrimStart(' ', '-').Split(' ', 2)[0];
        return name.StartsWith('/') ? Path.GetFileName(name) : name;
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

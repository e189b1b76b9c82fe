using System.Diagnostics;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// Hands the user's terminal to CAO's tmux session, on the server's private socket when it uses one.
/// Outside tmux: <c>tmux attach</c>. Inside a tmux client of the same tmux server: <c>switch-client</c>
/// (tmux refuses to nest an attach there). Inside a client of another tmux server: a nested attach with
/// <c>TMUX</c> unset, which tmux allows on purpose for exactly this.
/// </summary>
public static class TmuxAttach
{
    /// <summary>The command a user would type, for printing when attaching is not possible here.</summary>
    public static string CommandLine(string? socket, string session) =>
        socket is null ? $"tmux attach -t {session}" : $"tmux -L {socket} attach -t {session}";

    /// <summary>Attaches (or switches) to <paramref name="session"/>; returns tmux's exit code.</summary>
    /// <param name="enclosingTmux">The caller's <c>TMUX</c> variable (<c>socket path,pid,session</c>); null outside tmux.</param>
    public static async Task<int> RunAsync(string? socket, string session, string? enclosingTmux, CancellationToken cancellationToken)
    {
        if (enclosingTmux is { Length: > 0 })
        {
            var enclosingSocket = enclosingTmux.Split(',')[0];
            var caoSocket = (await RunTmuxAsync(socket, ["display-message", "-p", "-t", session, "#{socket_path}"], keepTmuxVariable: false, capture: true, cancellationToken)).Output.Trim();
            if (SameFile(enclosingSocket, caoSocket))
                return (await RunTmuxAsync(socket, ["switch-client", "-t", session], keepTmuxVariable: true, capture: false, cancellationToken)).ExitCode;
        }
        return (await RunTmuxAsync(socket, ["attach-session", "-t", session], keepTmuxVariable: false, capture: false, cancellationToken)).ExitCode;
    }

    /// <summary>True when the two socket paths name one file (tmux may report either side of a symlink such as /tmp).</summary>
    public static bool SameFile(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
            return false;
        return string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);
    }

    private static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        var resolved = directory is null ? null : new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return resolved is null ? full : Path.Combine(resolved, Path.GetFileName(full));
    }

    private static async Task<(int ExitCode, string Output)> RunTmuxAsync(string? socket, string[] arguments, bool keepTmuxVariable, bool capture, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("tmux") { UseShellExecute = false, RedirectStandardOutput = capture, RedirectStandardError = capture };
        if (socket is not null)
        {
            start.ArgumentList.Add("-L");
            start.ArgumentList.Add(socket);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (!keepTmuxVariable)
        {
            // Without -L, a TMUX variable would point tmux at the enclosing server instead of CAO's.
            start.Environment.Remove("TMUX");
            start.Environment.Remove("TMUX_PANE");
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliUserException("Could not start tmux; is it installed?");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CliUserException($"tmux is not on the PATH; install it, then run: {CommandLine(socket, arguments[^1])}");
        }
        using (process)
        {
            var output = capture ? process.StandardOutput.ReadToEndAsync(cancellationToken) : Task.FromResult("");
            var error = capture ? process.StandardError.ReadToEndAsync(cancellationToken) : Task.FromResult("");
            await process.WaitForExitAsync(cancellationToken);
            await error;
            return (process.ExitCode, await output);
        }
    }
}

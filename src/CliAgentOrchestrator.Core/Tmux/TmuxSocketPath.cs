using System.Runtime.InteropServices;

namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>
/// Where a tmux server's socket is, the way tmux computes it for <c>-L name</c> (or the default
/// server): <c>$TMUX_TMPDIR/tmux-&lt;uid&gt;/&lt;name&gt;</c>, <c>/tmp</c> when TMUX_TMPDIR is unset. CAO never
/// follows <c>$TMUX</c>: a server started inside someone's tmux still puts its agents on this socket.
/// </summary>
public static partial class TmuxSocketPath
{
    public static string For(string? socketName, string? tmuxTmpDir)
    {
        var directory = string.IsNullOrEmpty(tmuxTmpDir) ? "/tmp" : tmuxTmpDir;
        var uid = OperatingSystem.IsWindows() ? 0 : GetUid();
        return Path.Combine(directory, $"tmux-{uid}", string.IsNullOrEmpty(socketName) ? "default" : socketName);
    }

    /// <summary>The socket path in a <c>TMUX</c> value (<c>socket,pid,session</c>); null when empty.</summary>
    public static string? FromTmuxVariable(string? tmux) =>
        string.IsNullOrEmpty(tmux) ? null : tmux.Split(',')[0];

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUid();
}

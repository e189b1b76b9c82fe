using System.Diagnostics;

namespace CliAgentOrchestrator.Cli;

/// <summary>Hands the user's terminal to <c>tmux attach</c>, on the server's private socket when it uses one.</summary>
public static class TmuxAttach
{
    /// <summary>The command a user would type, for printing when attaching is not possible here.</summary>
    public static string CommandLine(string? socket, string session) =>
        socket is null ? $"tmux attach -t {session}" : $"tmux -L {socket} attach -t {session}";

    /// <summary>Runs tmux in the foreground with the inherited terminal; returns its exit code.</summary>
    public static async Task<int> RunAsync(string? socket, string session, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("tmux") { UseShellExecute = false };
        if (socket is not null)
        {
            start.ArgumentList.Add("-L");
            start.ArgumentList.Add(socket);
        }
        foreach (var arg in new[] { "attach-session", "-t", session })
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliUserException("Could not start tmux; is it installed?");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CliUserException($"tmux is not on the PATH; install it, then run: {CommandLine(socket, session)}");
        }
        using (process)
        {
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
    }
}

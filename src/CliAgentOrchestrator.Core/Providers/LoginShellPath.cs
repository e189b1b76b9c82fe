using System.Diagnostics;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// The PATH a new agent pane's login shell sets up (its start-up files may add nvm, npm or pyenv
/// folders, or reset PATH as Debian's /etc/profile does), read once by running that shell with the
/// environment agents get. A pane can run what is on this PATH or on the server's (see
/// <see cref="ProviderBase"/>), so "installed" means found on either.
/// </summary>
public static class LoginShellPath
{
    // Started on first use; a login shell with slow start-up files (pyenv init) takes seconds.
    private static readonly Lazy<Task<string>> Path = new(() => Task.Run(Read));

    /// <summary>The login shell's PATH, or "" when the shell could not tell within 20 s.</summary>
    public static string Value => Path.Value.Wait(TimeSpan.FromSeconds(20)) ? Path.Value.Result : "";

    /// <summary>Starts reading it in the background, so the first listing of providers does not wait.</summary>
    public static void Warm() => _ = Path.Value;

    private static string Read()
    {
        var shell = Environment.GetEnvironmentVariable("SHELL") is { Length: > 0 } s ? s : "/bin/sh";
        var start = new ProcessStartInfo(shell, ["-l", "-c", "printf '%s' \"$PATH\""])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        foreach (var (name, value) in EnvironmentFilter.FromCurrentProcess())
            start.Environment[name] = value;
        try
        {
            using var process = Process.Start(start);
            if (process is null) return "";
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return "";
            }
            // Start-up files may print; PATH is what the final printf wrote, the output's last line.
            return output.Result.Split('\n').LastOrDefault()?.Trim() ?? "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}

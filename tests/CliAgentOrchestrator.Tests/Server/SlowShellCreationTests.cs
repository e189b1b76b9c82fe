using System.Diagnostics;
using System.Net;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>
/// Agents start in login shells that may be slow (pyenv, nvm, …). The CLI's start-up time counts from
/// the moment the shell runs commands, so 30 sessions created at once all succeed when every shell
/// takes 3 s to start, with mock_cli's 15 s init timeout unchanged.
/// </summary>
public sealed class SlowShellCreationTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ThirtyParallelSessionsSucceedWhenEveryLoginShellTakesThreeSeconds()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var shell = Path.Combine(server.WorkDirectory, "slow-login-shell");
        // No start-up files of the machine's user: the test's shell is the same everywhere.
        File.WriteAllText(shell, "#!/bin/bash\nsleep 3\nexec bash --noprofile --norc -i\n");
        File.SetUnixFileMode(shell, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await TmuxAsync(server, "new-session", "-d", "-s", "shell-holder");
        await TmuxAsync(server, "set-option", "-g", "default-shell", shell);

        var creates = Enumerable.Range(0, 30).Select(_ => server.Http.PostAsync(
            $"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}", null));
        var answers = await Task.WhenAll(creates);

        var failures = new List<string>();
        foreach (var answer in answers)
        {
            if (answer.StatusCode != HttpStatusCode.Created)
                failures.Add($"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }
        Assert.Empty(failures);
        Assert.Equal(30, server.TerminalRows().Count);
    }

    private static async Task TmuxAsync(CaoTestServer server, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("tmux", ["-L", server.Options.TmuxSocket!, .. args]) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"tmux {string.Join(' ', args)}: {error}");
    }
}

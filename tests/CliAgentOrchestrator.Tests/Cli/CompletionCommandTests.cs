using System.Diagnostics;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

/// <summary><c>cao completion bash</c> gives a script that really completes, run by a real bash against the real cao.</summary>
public sealed class CompletionCommandTests
{
    [Theory]
    [InlineData("cao plugin re", "reload")]
    [InlineData("cao plugin test x --event post_send_message_", "post_send_message_denied")]
    [InlineData("cao sess", "session")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheBashScriptCompletesCommandsAndOptionValues(string line, string expected)
    {
        using var bin = new TempDirectory();
        var wrapper = Path.Combine(bin.Path, "cao");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{CaoProcess.Dll}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var script = "source <(cao completion bash)\n"
            + $"COMP_LINE='{line}'; COMP_POINT={line.Length}\n"
            + "_cao_complete\n"
            + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        // --norc: the login shell's start-up files (pyenv and the like) have no part in this.
        var start = new ProcessStartInfo("bash", ["--norc", "--noprofile", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = bin.Path + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["CAO_HOME_DIR"] = Path.Combine(bin.Path, "home");
        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.Contains(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task AnUnknownShellIsRefusedWithTheChoices()
    {
        using var home = new TempDirectory();
        var result = await CliRunner.RunAsync(CliRunner.ContextWithoutServer(new Core.Configuration.CaoHome(home.Path)), "completion", "fish");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("bash", result.Error);
        Assert.Contains("zsh", result.Error);
    }
}

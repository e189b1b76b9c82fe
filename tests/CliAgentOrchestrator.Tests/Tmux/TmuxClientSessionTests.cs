using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Tmux;

public sealed class TmuxClientSessionTests : IAsyncLifetime
{
    private readonly TmuxTestServer _server = new();
    private TmuxClient Tmux => _server.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task NewSessionIsDetachedWideAndRunsInTheGivenDirectoryWithTheGivenEnvironment()
    {
        var cwd = Directory.CreateDirectory(Path.Combine(_server.TempDirectory, "work dir")).FullName;
        var session = _server.NewSessionName();

        var environment = new Dictionary<string, string> { ["CAO_TERMINAL_ID"] = "0badc0de", ["CAO_ODD"] = "a  b 'c' $HOME;x" };
        await Tmux.NewSessionAsync(session, "dev-1a2b", cwd, environment, _server.BashCommand);

        var target = new TmuxTarget(session, "dev-1a2b");
        Assert.True(await Tmux.HasSessionAsync(session));
        Assert.Equal(cwd, await Tmux.GetPaneCurrentPathAsync(target));
        Assert.Equal("220x50", await Tmux.DisplayAsync(target, "#{window_width}x#{window_height}"));
        var sessions = await Tmux.ListSessionsAsync();
        Assert.Contains(new TmuxSessionInfo(session, Attached: false), sessions);

        await Tmux.LoadBufferAsync("cmd", "echo id=$CAO_TERMINAL_ID \"[$CAO_ODD]\"\n"u8.ToArray());
        await Tmux.PasteBufferAsync(target, "cmd", PasteMode.Raw);
        // No shell re-parsed the value on its way: spaces, quotes and $ arrive as given.
        await Eventually.ScreenContainsAsync(Tmux, target, "id=0badc0de [a  b 'c' $HOME;x]");
    }

    [Fact]
    public async Task NewWindowJoinsTheSessionWithItsOwnDirectoryAndEnvironment()
    {
        var target = await _server.StartBashAsync("first-0001");
        var cwd = Directory.CreateDirectory(Path.Combine(_server.TempDirectory, "second")).FullName;

        await Tmux.NewWindowAsync(target.Session, "second-0002", cwd, new Dictionary<string, string> { ["CAO_TERMINAL_ID"] = "12345678" }, _server.BashCommand);

        var second = new TmuxTarget(target.Session, "second-0002");
        var windows = await Tmux.ListWindowsAsync(target.Session);
        Assert.Equal(["first-0001", "second-0002"], windows.Select(w => w.Name));
        Assert.All(windows, w => Assert.StartsWith("@", w.Id));
        Assert.Equal(cwd, await Tmux.GetPaneCurrentPathAsync(second));
        // -d: creating a terminal must not steal the operator's view of the session.
        Assert.Equal("1", await Tmux.DisplayAsync(target, "#{window_active}"));

        await Eventually.PromptAsync(Tmux, second);
        await Tmux.LoadBufferAsync("cmd", "echo id=$CAO_TERMINAL_ID\n"u8.ToArray());
        await Tmux.PasteBufferAsync(second, "cmd", PasteMode.Raw);
        await Eventually.ScreenContainsAsync(Tmux, second, "id=12345678");
    }

    [Fact]
    public async Task AWindowOpenedWithAnOutputPipeLogsFromItsFirstByteAndAFailedOpenLeavesOtherPipesAlone()
    {
        var session = _server.NewSessionName();
        var log = Path.Combine(_server.TempDirectory, "first byte.log");
        var pipe = "cat >> '" + log + "'";
        await Tmux.NewSessionAsync(session, "dev-1a2b", _server.TempDirectory, shellCommand: "printf 'first-words\\n'; exec sleep 60", outputPipe: pipe);
        var target = new TmuxTarget(session, "dev-1a2b");

        // The window's very first output is in the log: the pipe was there before the command ran.
        await Poll.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("first-words"), "the first output in the log");
        Assert.Equal("1", await Tmux.DisplayAsync(target, "#{pane_pipe}"));

        // The same session again fails, and the pipe command after it is skipped: `pipe-pane -o` on
        // the existing window would otherwise have toggled its pipe off.
        var duplicate = await Assert.ThrowsAsync<TmuxCommandException>(() => Tmux.NewSessionAsync(session, "dev-1a2b", _server.TempDirectory, outputPipe: pipe));
        Assert.Equal("1", await Tmux.DisplayAsync(target, "#{pane_pipe}"));

        // The failure names the command of the script that failed, not the start-server that read it.
        Assert.Equal("new-session", duplicate.Command);
        Assert.StartsWith("tmux new-session failed: duplicate session", duplicate.Message);
        var missing = await Assert.ThrowsAsync<TmuxCommandException>(() => Tmux.NewWindowAsync(session + "-gone", "w", _server.TempDirectory, outputPipe: pipe));
        Assert.Equal("new-window", missing.Command);
        Assert.StartsWith("tmux new-window failed: can't find session", missing.Message);
    }

    [Fact]
    public async Task OpeningAWindowReturnsThePidOfItsShell()
    {
        var session = _server.NewSessionName();
        var environment = new Dictionary<string, string> { ["CAO_TERMINAL_ID"] = "0badc0de" };
        var first = await Tmux.NewSessionAsync(session, "one-0001", _server.TempDirectory, environment, _server.BashCommand, "cat > /dev/null");
        var second = await Tmux.NewWindowAsync(session, "two-0002", _server.TempDirectory, shellCommand: _server.BashCommand);

        Assert.Equal((await Tmux.DisplayAsync(new TmuxTarget(session, "one-0001"), "#{pane_pid}")).Trim(), first?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((await Tmux.DisplayAsync(new TmuxTarget(session, "two-0002"), "#{pane_pid}")).Trim(), second?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task SessionNamesAreMatchedExactlyNeverByPrefix()
    {
        var longer = _server.NewSessionName() + "b";
        await Tmux.NewSessionAsync(longer, "w", _server.TempDirectory, shellCommand: _server.BashCommand);
        var prefix = longer[..^1];

        Assert.False(await Tmux.HasSessionAsync(prefix));
        await Assert.ThrowsAsync<TmuxCommandException>(() => Tmux.KillSessionAsync(prefix));
        await Assert.ThrowsAsync<TmuxCommandException>(() => Tmux.ListWindowsAsync(prefix));
        await Assert.ThrowsAsync<TmuxCommandException>(() => Tmux.NewWindowAsync(prefix, "x", _server.TempDirectory));
        Assert.True(await Tmux.HasSessionAsync(longer));
    }

    [Fact]
    public async Task WindowNamesAreMatchedExactlyNeverByPrefix()
    {
        var target = await _server.StartBashAsync("dev-abcd");

        var prefixTarget = new TmuxTarget(target.Session, "dev-ab");
        var error = await Assert.ThrowsAsync<TmuxCommandException>(() => Tmux.SendKeyAsync(prefixTarget, "x"));
        Assert.Contains("can't find window", error.Stderr);
        await Assert.ThrowsAsync<TmuxCommandException>(() => Tmux.KillWindowAsync(prefixTarget));
        Assert.Single(await Tmux.ListWindowsAsync(target.Session));
    }

    [Fact]
    public async Task KillWindowRemovesOnlyThatWindowAndKillSessionTheSession()
    {
        var target = await _server.StartBashAsync("one-0001");
        await Tmux.NewWindowAsync(target.Session, "two-0002", _server.TempDirectory, shellCommand: _server.BashCommand);

        await Tmux.KillWindowAsync(target);
        Assert.Equal(["two-0002"], (await Tmux.ListWindowsAsync(target.Session)).Select(w => w.Name));

        await Tmux.KillSessionAsync(target.Session);
        Assert.False(await Tmux.HasSessionAsync(target.Session));
    }

    [Fact]
    public async Task FailuresCarryTmuxsOwnExplanation()
    {
        await _server.StartBashAsync();

        var error = await Assert.ThrowsAsync<TmuxCommandException>(() => Tmux.KillSessionAsync("cao-missing"));

        Assert.Contains("can't find session", error.Stderr);
        Assert.Contains("kill-session", error.Message);
        Assert.Contains("can't find session", error.Message);
        Assert.NotEqual(0, error.ExitCode);
    }

    [Fact]
    public async Task WithoutAServerListingsAreEmptyAndKillServerIsANoOp()
    {
        var idle = new TmuxClient("cao-test-absent-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Empty(await idle.ListSessionsAsync());
        Assert.False(await idle.HasSessionAsync("cao-x"));
        await idle.KillServerAsync();
    }

    [Fact]
    public async Task AMissingTmuxBinaryIsReportedAsSuch()
    {
        var broken = new TmuxClient("cao-test-none", executable: "/nonexistent/tmux");

        var error = await Assert.ThrowsAsync<TmuxCommandException>(() => broken.HasSessionAsync("cao-x"));

        Assert.Equal(-1, error.ExitCode);
        Assert.Contains("Is tmux installed", error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the stand-in tmux is a shell script
    public async Task ACommandThatDoesNotAnswerInTimeIsStoppedAndReportedAsFailed()
    {
        // A stand-in for a tmux client stuck on its server: it writes its PID, then never exits.
        var pidFile = Path.Combine(_server.TempDirectory, "hung.pid");
        var hung = Path.Combine(_server.TempDirectory, "hung-tmux");
        await File.WriteAllTextAsync(hung, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 600\n");
        File.SetUnixFileMode(hung, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var stuck = new TmuxClient("cao-test-hung", executable: hung, commandTimeout: TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<TmuxCommandException>(() => stuck.HasSessionAsync("cao-x"));

        Assert.Equal(-1, error.ExitCode);
        Assert.Equal("tmux has-session failed: tmux did not answer within 0.5 s and was stopped", error.Message);
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Poll.UntilAsync(() => !Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z",
            "the hung tmux process to be killed");
    }

    [Fact]
    public async Task SocketsSeparateServers()
    {
        var target = await _server.StartBashAsync();
        var other = new TmuxClient("cao-test-other-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.False(await other.HasSessionAsync(target.Session));
        Assert.Empty(await other.ListSessionsAsync());
    }

    [Fact]
    public async Task SetEnvironmentReachesWindowsCreatedLater()
    {
        var target = await _server.StartBashAsync();

        await Tmux.SetEnvironmentAsync(target.Session, "CAO_LATER", "yes");
        await Tmux.NewWindowAsync(target.Session, "later-0002", _server.TempDirectory, null, _server.BashCommand);

        var later = new TmuxTarget(target.Session, "later-0002");
        await Eventually.PromptAsync(Tmux, later);
        await Tmux.LoadBufferAsync("cmd", "echo later=$CAO_LATER\n"u8.ToArray());
        await Tmux.PasteBufferAsync(later, "cmd", PasteMode.Raw);
        await Eventually.ScreenContainsAsync(Tmux, later, "later=yes");
    }

    [Theory]
    [InlineData("~/home-like")]
    [InlineData("$HOME and \"quotes\" and back\\slash")]
    [InlineData("#{pane_id};{braces}")]
    public async Task TmuxsCommandLanguageKeepsEveryValueAsWritten(string value)
    {
        await _server.StartBashAsync();

        // What CAO sends on tmux's standard input instead of putting values on a command line.
        var start = new System.Diagnostics.ProcessStartInfo("tmux", ["-L", Tmux.SocketName!, .. TmuxScript.ReadFromStandardInput]) { RedirectStandardInput = true };
        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            await process.StandardInput.BaseStream.WriteAsync(TmuxScript.Line(["set-environment", "-g", "CAO_ODD", value]));
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }

        var show = new System.Diagnostics.ProcessStartInfo("tmux", ["-L", Tmux.SocketName!, "show-environment", "-g", "CAO_ODD"]) { RedirectStandardOutput = true };
        using var shown = System.Diagnostics.Process.Start(show)!;
        var line = (await shown.StandardOutput.ReadToEndAsync()).TrimEnd('\n');
        await shown.WaitForExitAsync();
        Assert.Equal("CAO_ODD=" + value, line);
    }

    [Fact]
    public async Task TheVersionIsParsed()
    {
        var version = await Tmux.GetVersionAsync();

        Assert.True(version >= new Version(3, 2), $"tmux {version} is older than the -e support CAO needs");
        Assert.Equal(new Version(3, 3), TmuxClient.ParseVersion("tmux 3.3a"));
        Assert.Equal(new Version(3, 6), TmuxClient.ParseVersion("tmux next-3.6"));
        Assert.Equal(new Version(4, 0), TmuxClient.ParseVersion("tmux 4"));
    }
}

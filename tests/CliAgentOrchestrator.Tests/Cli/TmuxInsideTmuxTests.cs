using System.Diagnostics;
using System.Globalization;
using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

/// <summary>
/// CAO run from inside someone's tmux. Every tmux server here lives under a private TMUX_TMPDIR, so
/// "the default server" of these tests is never the machine's.
/// </summary>
public sealed class TmuxInsideTmuxTests : IAsyncLifetime
{
    private readonly TempDirectory _tmuxDirectory = new();
    private readonly List<string> _sockets = [];

    [Fact]
    public async Task AServerStartedInsideTmuxPutsAgentsOnItsOwnTmuxServerAndInfoSaysWhich()
    {
        var enclosing = await StartTmuxServerAsync(_tmuxDirectory.Combine("enclosing"), "outer");
        var caoSocket = TmuxSocketPath.For(null, _tmuxDirectory.Path);
        _sockets.Add(caoSocket);
        await using var server = new CaoServerProcess();
        server.Environment["CAO_TMUX_SOCKET"] = ""; // tmux's default server (under the private TMUX_TMPDIR)
        server.Environment["TMUX_TMPDIR"] = _tmuxDirectory.Path;
        server.Environment["TMUX"] = enclosing.Variable;
        server.Environment["TMUX_PANE"] = "%0";
        await server.StartAsync();

        using var created = await server.Http.PostAsync(
            $"/sessions?agent_profile=developer&provider=mock_cli&session_name=agents&working_directory={Uri.EscapeDataString(server.WorkDirectory)}", null);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        Assert.Equal(["cao-agents"], await SessionsAsync(caoSocket));
        Assert.Equal(["outer"], await SessionsAsync(enclosing.Socket));
        var (exitCode, stdout, _) = await CaoProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["CAO_HOME_DIR"] = server.Home.Root,
                ["CAO_API_PORT"] = server.Port.ToString(CultureInfo.InvariantCulture),
                ["CAO_TMUX_SOCKET"] = "",
                ["TMUX_TMPDIR"] = _tmuxDirectory.Path,
                ["TMUX"] = enclosing.Variable,
            },
            "info");
        Assert.Equal(0, exitCode);
        Assert.Contains($"tmux server:    default ({caoSocket})", stdout);
        Assert.Contains($"this shell is inside another tmux server, {enclosing.Socket}", stdout);
    }

    [Fact]
    public async Task LaunchInsideTmuxOfCaosServerSwitchesTheClientToTheNewSession()
    {
        await using var server = new CaoServerProcess();
        var caoSocket = TmuxSocketPath.For(server.TmuxSocket, _tmuxDirectory.Path);
        server.Environment["TMUX_TMPDIR"] = _tmuxDirectory.Path;
        await server.StartAsync();
        _sockets.Add(caoSocket);
        // The user's own session on the same tmux server, with a real client attached through a pty.
        var exitFile = _tmuxDirectory.Combine("launch.exit");
        await TmuxAsync(caoSocket, "new-session", "-d", "-s", "mine", "-x", "120", "-y", "40",
            "-e", $"CAO_HOME_DIR={server.Home.Root}", "-e", $"CAO_API_PORT={server.Port}", "-e", $"CAO_TMUX_SOCKET={server.TmuxSocket}", "-e", $"TMUX_TMPDIR={_tmuxDirectory.Path}",
            "bash --norc --noprofile");
        using var client = StartAttachedClient(caoSocket, "mine");
        await Poll.UntilAsync(async () => (await TmuxAsync(caoSocket, "list-clients", "-F", "#{client_session}")).Trim() == "mine", "a client attached to 'mine'");

        var launch = $"dotnet {CaoProcess.Dll} launch --agents developer --provider mock_cli --session-name inner --working-directory {server.WorkDirectory}; echo $? > {exitFile}";
        await TmuxAsync(caoSocket, "send-keys", "-t", "mine", "-l", launch);
        await TmuxAsync(caoSocket, "send-keys", "-t", "mine", "Enter");

        await Poll.UntilAsync(async () => (await TmuxAsync(caoSocket, "list-clients", "-F", "#{client_session}")).Trim() == "cao-inner",
            "the client to be switched to cao-inner", TimeSpan.FromSeconds(90));
        await Poll.UntilAsync(() => File.Exists(exitFile) && File.ReadAllText(exitFile).Trim().Length > 0, "cao launch to finish");
        Assert.Equal("0", File.ReadAllText(exitFile).Trim());
        client.Kill(entireProcessTree: true);
    }

    private Process StartAttachedClient(string socket, string session)
    {
        // script(1) gives tmux the terminal a person would have.
        var start = new ProcessStartInfo("script", ["-qfc", $"tmux -S {socket} attach -t {session}", "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("TMUX");
        start.Environment["TERM"] = "xterm-256color";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private async Task<(string Socket, string Variable)> StartTmuxServerAsync(string socket, string session)
    {
        _sockets.Add(socket);
        await TmuxAsync(socket, "new-session", "-d", "-s", session);
        var pid = (await TmuxAsync(socket, "display-message", "-p", "-t", session, "#{pid}")).Trim();
        return (socket, $"{socket},{pid},0");
    }

    private static async Task<string[]> SessionsAsync(string socket) =>
        CaoProcess.Lines(await TmuxAsync(socket, "list-sessions", "-F", "#{session_name}")).Order(StringComparer.Ordinal).ToArray();

    private static async Task<string> TmuxAsync(string socket, params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-S");
        start.ArgumentList.Add(socket);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Remove("TMUX");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)}: {error}");
        return output;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 disposes test classes through IAsyncLifetime (an IAsyncDisposable alone was never called, leaving tmux servers behind).
    public async Task DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            try
            {
                await TmuxAsync(socket, "kill-server");
            }
            catch (InvalidOperationException)
            {
                // Already gone (the server's own cleanup, or it never started).
            }
        }
        _tmuxDirectory.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Globalization;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

/// <summary>
/// Mistakes a new user makes on the first day stop cao at once with one line on stderr and a
/// non-zero exit: nothing half set up, no stack trace, no session left running.
/// </summary>
public sealed class FailFastTests
{
    [Fact]
    public async Task APortInUseStopsTheServerWithOneLineBeforeAnythingIsSetUp()
    {
        using var home = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, stdout, stderr) = await CaoProcess.RunAsync(
            new Dictionary<string, string> { ["CAO_HOME_DIR"] = home.Path, ["CAO_TMUX_SOCKET"] = "cao-it-" + Guid.NewGuid().ToString("N")[..10] },
            "server", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.NotEqual(0, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal($"error: Port {port} on 127.0.0.1 is already in use (another cao server?); stop that program, or start this one with --port <free port> (or CAO_API_PORT).", Assert.Single(CaoProcess.Lines(stderr)));
        // Stopped before the host built anything: no log file, no database.
        Assert.False(Directory.Exists(Path.Combine(home.Path, "db")));
    }

    [Theory]
    [InlineData("mock_cli")]
    [InlineData("kiro_cli")]
    [InlineData("claude_code")]
    public async Task AnUnknownProfileStopsLaunchWithOneLineAndNoSession(string provider)
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server),
            "launch", "--agents", "nosuch", "--provider", provider, "--headless", "--working-directory", server.WorkDirectory, "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(CaoProcess.Lines(result.Error));
        Assert.StartsWith("error: Agent profile 'nosuch' not found. Looked in: ", line);
        Assert.EndsWith("Install it with 'cao install <file.md>'.", line);
        Assert.Empty((await server.GetJsonAsync("/sessions")).AsArray());
    }

    [Fact]
    public async Task AKiroAgentInstalledOnlyForKiroIsNotRefused()
    {
        using var kiroAgents = new TempDirectory();
        kiroAgents.Write("kiro_only.json", "{}");
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        // kiro-cli is not installed here, so the server refuses the launch; the CLI let it through.
        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server, kiroAgents.Path),
            "launch", "--agents", "kiro_only", "--provider", "kiro_cli", "--headless", "--working-directory", server.WorkDirectory, "hello");

        Assert.DoesNotContain("not found. Looked in", result.Error);
    }

    [Fact]
    public async Task AMissingProviderCliStopsLaunchWithOneLineAndNoSession()
    {
        await using var server = new CaoServerProcess();
        server.Environment["PATH"] = "/usr/bin:/bin"; // tmux and a shell, no agent CLI
        await server.StartAsync();

        var (exitCode, stdout, stderr) = await CaoProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["CAO_HOME_DIR"] = server.Home.Root,
                ["CAO_API_PORT"] = server.Port.ToString(CultureInfo.InvariantCulture),
                ["CAO_TMUX_SOCKET"] = server.TmuxSocket,
            },
            "launch", "--agents", "developer", "--provider", "kiro_cli", "--headless", "--working-directory", server.WorkDirectory, "hello");

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("Session created", stdout);
        var line = Assert.Single(CaoProcess.Lines(stderr));
        Assert.StartsWith("error: ", line);
        Assert.EndsWith("'kiro-cli' is not on the PATH of new terminals; install it or choose another --provider than kiro_cli.", line);
        var sessions = await server.Http.GetStringAsync("/sessions");
        Assert.Equal("[]", sessions.Trim());
    }
}

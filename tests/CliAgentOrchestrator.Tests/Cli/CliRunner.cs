using System.CommandLine;
using CliAgentOrchestrator.Cli;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

/// <summary>
/// Runs the real <c>cao</c> command tree in-process against a <see cref="CliContext"/> the test
/// builds (no process environment is changed), capturing stdout and stderr.
/// </summary>
public static class CliRunner
{
    /// <summary>A context pointing at <paramref name="server"/>, its home and tmux socket; kiro agents go to <paramref name="kiroAgents"/>.</summary>
    public static CliContext ContextFor(CaoTestServer server, string? kiroAgents = null) =>
        Context(new Uri(server.Options.BaseUrl), server.Home, server.Options.TmuxSocket, kiroAgents);

    /// <summary>A context pointing at the server process <paramref name="server"/>, its home and tmux socket.</summary>
    public static CliContext ContextFor(CaoServerProcess server) =>
        Context(new Uri($"http://127.0.0.1:{server.Port}"), server.Home, server.TmuxSocket, null);

    /// <summary>A context for a server that is not running: a free port nobody listens on.</summary>
    public static CliContext ContextWithoutServer(CaoHome home, string? kiroAgents = null) =>
        Context(new Uri($"http://127.0.0.1:{LoopbackPort.Free()}"), home, null, kiroAgents);

    public static async Task<CliResult> RunAsync(CliContext context, params string[] args)
    {
        // The very tree Program.cs runs: a command wired there is reachable here.
        var root = CaoRootCommand.Build(context);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    private static CliContext Context(Uri url, CaoHome home, string? socket, string? kiroAgents) => new()
    {
        ServerUrl = url,
        Home = home,
        TmuxSocket = socket,
        // Only what a test means to set: a developer's TMUX or CAO_SESSION_NAME must not leak in.
        Environment = kiroAgents is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["CAO_AGENTS_DIR"] = kiroAgents },
        UserHome = home.Root,
        Interactive = false,
        ShowProgress = false,
        PollInterval = TimeSpan.FromMilliseconds(100),
        ReadyTimeout = TimeSpan.FromSeconds(60),
        DoneTimeout = TimeSpan.FromSeconds(60),
    };
}

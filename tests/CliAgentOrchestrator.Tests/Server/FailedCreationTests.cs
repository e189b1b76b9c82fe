using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>
/// A create that fails answers with what went wrong and leaves nothing behind: no event, no tmux
/// session or window, no database row (reference §2, §3.1: rollback, no event).
/// </summary>
public sealed class FailedCreationTests
{
    // A profile with a 1 s init timeout, for this one request only (CAO_PROVIDER_INIT_TIMEOUT would apply
    // to every terminal of the server); its mock_cli is told to take ten minutes to start.
    private const string StallingProfile = """
        ---
        name: stalls
        description: never becomes ready in time
        provider_init_timeout: 1
        ---
        You never get to run.
        """;

    private static readonly object StallingCli = new { env_vars = new Dictionary<string, string> { ["MOCK_CLI_START_DELAY_MS"] = "600000" } };

    [Fact]
    public async Task RefusedAndFailedCreatesAnswerWithTheProblemAndLeaveNoTraceOrEvent()
    {
        await using var server = await CaoTestServer.StartAsync();
        var work = Uri.EscapeDataString(server.WorkDirectory);
        var file = Path.Combine(server.WorkDirectory, "notes.txt");
        File.WriteAllText(file, "");
        File.WriteAllText(Path.Combine(server.Home.AgentStoreDirectory, "stalls.md"), StallingProfile);

        // New session: bad working directories, unknown provider, a provider that fails to start.
        Assert.Contains("does not exist", await DetailAsync(server, NewSession("developer", "mock_cli", Path.Combine(server.WorkDirectory, "missing")), HttpStatusCode.BadRequest));
        Assert.Contains("is a file, not a directory", await DetailAsync(server, NewSession("developer", "mock_cli", file), HttpStatusCode.BadRequest));
        Assert.Contains("not allowed", await DetailAsync(server, NewSession("developer", "mock_cli", "/etc"), HttpStatusCode.BadRequest));
        var unknown = await DetailAsync(server, NewSession("developer", "no_such_cli", server.WorkDirectory), HttpStatusCode.BadRequest);
        Assert.Contains("no_such_cli", unknown);
        Assert.All(new[] { "kiro_cli", "claude_code", "codex", "copilot_cli", "opencode_cli", "mock_cli" }, p => Assert.Contains(p, unknown));
        var stalled = await DetailAsync(server, NewSession("stalls", "mock_cli", server.WorkDirectory) + "&session_name=stalled", HttpStatusCode.InternalServerError, StallingCli);
        Assert.Contains("mock_cli", stalled);
        Assert.False(await server.Tmux.HasSessionAsync("cao-stalled"), "the session made for the failed terminal is killed");
        Assert.Empty(server.TerminalRows());

        // Existing session: missing session, and the same failures adding a window to a live one.
        Assert.Contains("not found", await DetailAsync(server, $"/sessions/cao-missing/terminals?agent_profile=developer&provider=mock_cli&working_directory={work}", HttpStatusCode.NotFound));
        var keeper = await server.CreateMockSessionAsync(sessionName: "keeper");
        var session = keeper["session_name"]!.GetValue<string>();
        var keeperId = keeper["id"]!.GetValue<string>();
        Assert.Contains("already exists", await DetailAsync(server, NewSession("developer", "mock_cli", server.WorkDirectory) + "&session_name=keeper", HttpStatusCode.Conflict));
        var addTo = $"/sessions/{session}/terminals?";
        Assert.Contains("not allowed", await DetailAsync(server, addTo + "agent_profile=developer&provider=mock_cli&working_directory=%2Fetc", HttpStatusCode.BadRequest));
        Assert.Contains("Valid providers", await DetailAsync(server, addTo + $"agent_profile=developer&provider=no_such_cli&working_directory={work}", HttpStatusCode.BadRequest));
        Assert.Contains("mock_cli", await DetailAsync(server, addTo + $"agent_profile=stalls&provider=mock_cli&working_directory={work}", HttpStatusCode.InternalServerError, StallingCli));

        Assert.Equal([keeper["name"]!.GetValue<string>()], (await server.Tmux.ListWindowsAsync(session)).Select(w => w.Name));
        Assert.Equal([session], (await server.Tmux.ListSessionsAsync()).Select(s => s.Name));
        Assert.Equal([keeperId], server.TerminalRows().Select(r => r.Id));

        // Plugins get events in publish order, so the kill events of the live session are a barrier:
        // once they arrive, any event a failed create had published would already be recorded.
        await server.DeleteAsync($"/sessions/{session}");
        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => Field(e, "event_type") == "post_kill_session"), "post_kill_session recorded", TimeSpan.FromSeconds(60));
        var events = server.RecordedEvents();
        Assert.Equal(["post_create_terminal", "post_create_session", "post_kill_terminal", "post_kill_session"], events.Select(e => Field(e, "event_type")));
        Assert.All(events, e => Assert.Equal(session, Field(e, "session_id")));
        Assert.All(events.Where(e => e["terminal_id"] is not null), e => Assert.Equal(keeperId, Field(e, "terminal_id")));
        Assert.Empty(server.TerminalRows());
    }

    private static string NewSession(string profile, string provider, string workingDirectory) =>
        $"/sessions?agent_profile={profile}&provider={provider}&working_directory={Uri.EscapeDataString(workingDirectory)}";

    private static async Task<string> DetailAsync(CaoTestServer server, string path, HttpStatusCode expected, object? body = null)
    {
        var answer = await server.PostJsonAsync(path, body, expected);
        return answer["detail"]!.GetValue<string>();
    }

    private static string? Field(JsonObject e, string name) => e[name]?.GetValue<string>();
}

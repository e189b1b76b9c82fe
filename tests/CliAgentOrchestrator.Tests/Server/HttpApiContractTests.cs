using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>The HTTP API of reference §6 against the real server: shapes, status codes and the local-request guard.</summary>
public sealed partial class HttpApiContractTests
{
    private const string UnknownId = "0123abcd";

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // tmux, and the 0700/0600 checks, are Unix-only
    public async Task RoutesThatNeedNoTerminalAnswerWithThePythonShapesAndCodes()
    {
        await using var server = await CaoTestServer.StartAsync();

        var health = (await server.GetJsonAsync("/health")).AsObject();
        Assert.Equal(("ok", "cli-agent-orchestrator", "tmux"), (Str(health, "status"), Str(health, "service"), Str(health, "terminal_backend")));
        Assert.Equal("ok", Str(health["components"]!, "cao"));
        Assert.StartsWith("ok (tmux 3.", Str(health["components"]!, "tmux"));

        // Malformed ids are a validation error; well-formed unknown ids are 404 on every terminal route.
        Assert.Contains("8 lowercase hex", Str(await server.GetJsonAsync("/terminals/not-an-id", HttpStatusCode.UnprocessableEntity), "detail"));
        Assert.Contains("8 lowercase hex", Str(await server.GetJsonAsync("/terminals/0123ABCD", HttpStatusCode.UnprocessableEntity), "detail"));
        await server.GetJsonAsync($"/terminals/{UnknownId}", HttpStatusCode.NotFound);
        await server.GetJsonAsync($"/terminals/{UnknownId}/output?mode=full", HttpStatusCode.NotFound);
        await server.GetJsonAsync($"/terminals/{UnknownId}/working-directory", HttpStatusCode.NotFound);
        await server.PostJsonAsync($"/terminals/{UnknownId}/input?message=hi", expected: HttpStatusCode.NotFound);
        await server.PostJsonAsync($"/terminals/{UnknownId}/key?key=Enter", expected: HttpStatusCode.NotFound);
        await server.PostJsonAsync($"/terminals/{UnknownId}/exit", expected: HttpStatusCode.NotFound);
        var deleted = await server.DeleteAsync($"/terminals/{UnknownId}", HttpStatusCode.NotFound);
        Assert.Contains(UnknownId, Str(deleted, "detail"));

        // The guard: a foreign Host header is refused (DNS rebinding); a foreign Origin may not change state.
        var (hostStatus, hostBody) = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "evil.example" } });
        Assert.Equal(HttpStatusCode.BadRequest, hostStatus);
        Assert.Equal("""{"detail":"Invalid host header"}""", hostBody);
        var missingSession = "/sessions/cao-missing/terminals?agent_profile=developer&provider=mock_cli";
        var (crossStatus, crossBody) = await server.SendAsync(WithOrigin(HttpMethod.Post, missingSession, "http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, crossStatus);
        Assert.Equal("Cross-origin request blocked", Str(JsonNode.Parse(crossBody)!, "detail"));
        // Past the guard, the route itself answers: 404 for the missing session.
        Assert.Equal(HttpStatusCode.NotFound, (await server.SendAsync(WithOrigin(HttpMethod.Post, missingSession, server.Options.BaseUrl))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, missingSession))).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(WithOrigin(HttpMethod.Get, "/health", "http://evil.example"))).Status);

        // Unlike Python (reference §12.4), the port lists mock_cli, and says which CLIs are installed.
        var providers = (await server.GetJsonAsync("/agents/providers")).AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Equal(["kiro_cli", "claude_code", "codex", "copilot_cli", "opencode_cli", "mock_cli"], providers.Select(p => Str(p, "name")));
        Assert.All(providers, p => Assert.False(string.IsNullOrEmpty(Str(p, "binary"))));
        Assert.True(providers.Single(p => Str(p, "name") == "mock_cli")["installed"]!.GetValue<bool>());

        var profiles = (await server.GetJsonAsync("/agents/profiles")).AsArray().Select(p => p!.AsObject()).ToList();
        foreach (var builtIn in new[] { "code_supervisor", "developer", "reviewer" })
        {
            var profile = profiles.Single(p => Str(p, "name") == builtIn);
            Assert.Equal("built-in", Str(profile, "source"));
            Assert.False(string.IsNullOrEmpty(Str(profile, "description")));
        }

        var recorder = await RecorderAsync(server);
        Assert.Equal("loaded", Str(recorder, "status"));
        Assert.Equal(6, recorder["hooks"]!.AsArray().Count); // five post events and the denial observer
        Assert.All(new[] { "events_delivered", "hook_failures", "events_dropped", "events_queued" }, c => Assert.Equal(0, recorder[c]!.GetValue<long>()));

        // Reference §1.1: the home tree is owner-only, and so is the database file.
        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        foreach (var directory in new[] { server.Home.Root, server.Home.DatabaseDirectory, server.Home.LogDirectory, server.Home.TerminalLogDirectory, server.Home.TempDirectory })
            Assert.Equal(owner, File.GetUnixFileMode(directory));
        // SQLite creates -wal and -shm with the database file's mode, so they stay 0600 too.
        foreach (var file in new[] { "", "-wal", "-shm" }.Select(s => server.Home.DatabaseFile + s).Where(File.Exists))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.True(File.Exists(server.Home.DatabaseFile));
    }

    [Fact]
    public async Task SessionAndTerminalRoutesFollowThePythonContractOnARealTerminal()
    {
        await using var server = await CaoTestServer.StartAsync();

        // Unlike Python, deleting a session that does not exist is a 404 and publishes nothing.
        Assert.Contains("not found", Str(await server.DeleteAsync("/sessions/cao-never", HttpStatusCode.NotFound), "detail"));

        var created = await server.CreateMockSessionAsync(sessionName: "contract");
        var id = Str(created, "id");
        var window = Str(created, "name");
        Assert.Matches(TerminalId(), id);
        Assert.Matches(WindowName(), window);
        Assert.Equal(("cao-contract", "mock_cli", "developer", "idle"),
            (Str(created, "session_name"), Str(created, "provider"), Str(created, "agent_profile"), Str(created, "status")));
        Assert.All(new[] { "caller_id", "allowed_tools", "engine", "shell_command", "last_active" }, f => Assert.True(created.ContainsKey(f), f));

        var listed = (await server.GetJsonAsync("/sessions")).AsArray().Select(s => s!.AsObject()).Single();
        Assert.Equal(("cao-contract", "cao-contract", "detached", server.WorkDirectory, "developer"),
            (Str(listed, "id"), Str(listed, "name"), Str(listed, "status"), Str(listed, "working_directory"), Str(listed, "agent_profile")));
        var detail = (await server.GetJsonAsync("/sessions/contract")).AsObject();
        Assert.Equal("cao-contract", Str(detail["session"]!, "name"));
        var inSession = detail["terminals"]!.AsArray().Single()!;
        Assert.Equal((id, "idle"), (Str(inSession, "id"), Str(inSession, "status")));
        var row = (await server.GetJsonAsync("/sessions/cao-contract/terminals")).AsArray().Single()!.AsObject();
        Assert.Equal((id, "cao-contract", window, "mock_cli"), (Str(row, "id"), Str(row, "tmux_session"), Str(row, "tmux_window"), Str(row, "provider")));
        Assert.False(row.ContainsKey("status"), "raw rows carry no live status");

        Assert.True((await server.PostJsonAsync($"/terminals/{id}/key?key=Enter"))["success"]!.GetValue<bool>());
        Assert.Contains("not allowed", Str(await server.PostJsonAsync($"/terminals/{id}/key?key=rm%20-rf", expected: HttpStatusCode.BadRequest), "detail"));
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(WithOrigin(HttpMethod.Post, $"/terminals/{id}/key?key=Enter", server.Options.BaseUrl))).Status);
        await server.PostJsonAsync($"/terminals/{id}/input", expected: HttpStatusCode.UnprocessableEntity);

        await server.PostJsonAsync($"/terminals/{id}/input?message=hello%20contract");
        await Poll.UntilAsync(async () => await server.StatusAsync(id) == "completed" && await LastAsync(server, id) == "hello contract",
            "the answer 'hello contract'", TimeSpan.FromSeconds(60));
        // The full buffer comes from the output stream, which may trail the screen by a moment.
        await Poll.UntilAsync(async () => Str(await server.GetJsonAsync($"/terminals/{id}/output?mode=full"), "output")!.Contains("> MOCK: hello contract"),
            "the answer in the full output");
        Assert.Equal("full", Str(await server.GetJsonAsync($"/terminals/{id}/output?mode=full"), "mode"));
        Assert.Equal("last", Str(await server.GetJsonAsync($"/terminals/{id}/output?mode=last"), "mode"));
        await server.GetJsonAsync($"/terminals/{id}/output?mode=everything", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(server.WorkDirectory, Str(await server.GetJsonAsync($"/terminals/{id}/working-directory"), "working_directory"));

        // A terminal in error state refuses input, so text is never typed into whatever is left.
        var second = await server.PostJsonAsync($"/sessions/contract/terminals?agent_profile=reviewer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            expected: HttpStatusCode.Created);
        var secondId = Str(second, "id");
        await server.PostJsonAsync($"/terminals/{secondId}/input?message=__mock_error__");
        await server.WaitForStatusAsync(secondId, "error");
        Assert.Contains("error state", Str(await server.PostJsonAsync($"/terminals/{secondId}/input?message=again", expected: HttpStatusCode.Conflict), "detail"));

        // Exit types the provider's exit command: mock_cli says goodbye and the pane is back at its
        // shell. The pane's command name cannot tell (mock_cli is a bash script), its children can.
        var target = new CliAgentOrchestrator.Core.Tmux.TmuxTarget("cao-contract", window);
        var shellPid = await server.Tmux.DisplayAsync(target, "#{pane_pid}");
        Assert.NotEmpty(ChildrenOf(shellPid));
        await server.PostJsonAsync($"/terminals/{id}/exit");
        await Poll.UntilAsync(async () => (await server.Tmux.CapturePaneAsync(target, CliAgentOrchestrator.Core.Tmux.CaptureRange.Visible)).Contains("goodbye")
            && ChildrenOf(shellPid).Length == 0, "goodbye and the shell alone in the pane", TimeSpan.FromSeconds(60));

        await server.DeleteAsync($"/terminals/{id}");
        var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(server.Home.TerminalLogDirectory, id + ".snapshot.json")))!;
        Assert.Equal((id, "cao-contract", window, "mock_cli", server.WorkDirectory),
            (Str(snapshot, "terminal_id"), Str(snapshot, "session_name"), Str(snapshot, "window_name"), Str(snapshot, "provider"), Str(snapshot, "working_directory")));
        Assert.Contains("goodbye", File.ReadAllText(Path.Combine(server.Home.TerminalLogDirectory, id + ".scrollback")));
        Assert.Equal([secondId], server.TerminalRows().Select(r => r.Id));
        await server.DeleteAsync("/sessions/cao-contract");
        Assert.Empty(server.TerminalRows());

        // The session's events are a barrier: the 404 delete above published nothing before them.
        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => Str(e, "event_type") == "post_kill_session"), "post_kill_session recorded", TimeSpan.FromSeconds(60));
        Assert.Equal(["post_create_terminal", "post_create_session", "post_create_terminal", "post_kill_terminal", "post_kill_terminal", "post_kill_session"],
            server.RecordedEvents().Select(e => Str(e, "event_type")));
        // GET /plugins counts them (delivered is counted just after the hook returns, hence the poll).
        await Poll.UntilAsync(async () => (await RecorderAsync(server))["events_delivered"]!.GetValue<long>() == 6, "six deliveries counted", TimeSpan.FromSeconds(60));
        var recorder = await RecorderAsync(server);
        Assert.Equal((0L, 0L, 0L), (recorder["hook_failures"]!.GetValue<long>(), recorder["events_dropped"]!.GetValue<long>(), recorder["events_queued"]!.GetValue<long>()));
    }

    private static async Task<JsonObject> RecorderAsync(CaoTestServer server) =>
        (await server.GetJsonAsync("/plugins")).AsArray().Select(p => p!.AsObject()).Single(p => Str(p, "name") == "recorder");

    private static async Task<string> LastAsync(CaoTestServer server, string id) =>
        Str(await server.GetJsonAsync($"/terminals/{id}/output?mode=last"), "output");

    // Linux: the pane shell's direct child processes (mock_cli while it runs).
    private static string[] ChildrenOf(string pid) =>
        File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static HttpRequestMessage WithOrigin(HttpMethod method, string path, string origin) =>
        new(method, path) { Headers = { { "Origin", origin } } };

    private static string Str(JsonNode node, string name) => node[name]?.GetValue<string>() ?? "";

    [GeneratedRegex("^[0-9a-f]{8}$")]
    private static partial Regex TerminalId();

    [GeneratedRegex("^developer-[0-9a-f]{4}$")]
    private static partial Regex WindowName();
}

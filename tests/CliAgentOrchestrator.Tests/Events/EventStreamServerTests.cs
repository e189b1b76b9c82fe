using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Events;

/// <summary>
/// The live stream through a real <c>cao server</c> process and mock_cli: SSE framing, the type filter,
/// heartbeats, history, and the status and inbox events it carries.
/// </summary>
public sealed class EventStreamServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StreamSendsFilteredEventsAsSnakeCaseJsonWithIdsAndHeartbeats()
    {
        await using var server = new CaoServerProcess();
        server.Environment["CAO_PLUGIN_EVENTS_HEARTBEAT_SECONDS"] = "1";
        await server.StartAsync();

        using var stream = await OpenStreamAsync(server, "/events?type=post_create_terminal&type=post_terminal_status_change");
        var terminal = await CreateMockSessionAsync(server);

        var created = await stream.NextAsync(Wait);
        Assert.Equal("post_create_terminal", created.Type);
        Assert.Equal("post_create_terminal", created.Data["event_type"]!.GetValue<string>());
        Assert.Equal(terminal, created.Data["terminal_id"]!.GetValue<string>());
        Assert.Equal("mock_cli", created.Data["provider"]!.GetValue<string>());
        Assert.StartsWith("evt_", created.Data["event_id"]!.GetValue<string>());
        Assert.True(long.Parse(created.Id!, System.Globalization.CultureInfo.InvariantCulture) > 0);

        // No post_create_session (filtered out); the status events of the new terminal follow, in order.
        var status = await stream.NextAsync(Wait);
        Assert.Equal("post_terminal_status_change", status.Type);
        Assert.Equal(terminal, status.Data["terminal_id"]!.GetValue<string>());
        Assert.True(long.Parse(status.Id!) > long.Parse(created.Id!));
        await stream.WaitForCommentAsync("heartbeat", Wait);
    }

    [Fact]
    public async Task StatusChangesAreEachChangeOnceChainedAndEndAtTheStatusTheApiReports()
    {
        await using var server = new CaoServerProcess();
        await server.StartAsync();
        var terminal = await CreateMockSessionAsync(server);
        await WaitForStatusAsync(server, terminal, "idle", "completed");
        await server.Http.PostAsync($"/terminals/{terminal}/input?message=__mock_sleep_1", null);
        await WaitForStatusAsync(server, terminal, "completed");

        await Poll.UntilAsync(async () => (await StatusEventsAsync(server, terminal)).LastOrDefault()?["status"]?.GetValue<string>() == "completed",
            "the status events to reach completed", Wait);
        var changes = await StatusEventsAsync(server, terminal);
        Assert.Equal("unknown", changes[0]["previous_status"]!.GetValue<string>());
        for (var i = 0; i < changes.Count; i++)
        {
            var (previous, current) = (changes[i]["previous_status"]!.GetValue<string>(), changes[i]["status"]!.GetValue<string>());
            Assert.NotEqual(previous, current); // a real change, never a repeat
            if (i > 0)
                Assert.Equal(changes[i - 1]["status"]!.GetValue<string>(), previous); // none missed
            Assert.Equal(("developer", "mock_cli"), (changes[i]["agent_name"]!.GetValue<string>(), changes[i]["provider"]!.GetValue<string>()));
        }
        Assert.Contains(changes, c => c["status"]!.GetValue<string>() == "processing");
        Assert.Equal(await StatusAsync(server, terminal), changes[^1]["status"]!.GetValue<string>());
        // Tracing is off by default: no traceparent anywhere.
        Assert.All(changes, c => Assert.Null(c["traceparent"]));
    }

    [Fact]
    public async Task QueuedAndFailedInboxMessagesAreEventsAndBodiesStayOutUnlessEnabled()
    {
        await using var server = new CaoServerProcess();
        await server.StartAsync();
        var receiver = await CreateMockSessionAsync(server);
        var session = (await GetAsync(server, $"/terminals/{receiver}"))["session_name"]!.GetValue<string>();
        var sender = (await PostAsync(server, $"/sessions/{session}/terminals?agent_profile=reviewer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}", HttpStatusCode.Created))["id"]!.GetValue<string>();
        await WaitForStatusAsync(server, receiver, "idle", "completed");
        await server.Http.PostAsync($"/terminals/{receiver}/input?message=__mock_sleep_30", null);
        await WaitForStatusAsync(server, receiver, "processing");

        using var response = await server.Http.PostAsJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = sender, message = "secret-plan" });
        var messageId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["message_id"]!.GetValue<long>();
        await server.Http.DeleteAsync($"/terminals/{receiver}");

        await Poll.UntilAsync(async () => (await HistoryAsync(server, "post_fail_message")).Count == 1, "the message to fail", Wait);
        var queued = Assert.Single(await HistoryAsync(server, "post_queue_message"));
        Assert.Equal((messageId, sender, receiver, "send_message", session),
            (queued["message_id"]!.GetValue<long>(), queued["sender"]!.GetValue<string>(), queued["receiver"]!.GetValue<string>(),
             queued["orchestration_type"]!.GetValue<string>(), queued["session_id"]!.GetValue<string>()));
        var failed = Assert.Single(await HistoryAsync(server, "post_fail_message"));
        Assert.Equal((messageId, sender, receiver), (failed["message_id"]!.GetValue<long>(), failed["sender"]!.GetValue<string>(), failed["receiver"]!.GetValue<string>()));
        Assert.Contains("no longer exists", failed["reason"]!.GetValue<string>());
        // Message bodies stay out of the stream unless the operator turns them on.
        Assert.False(queued.ContainsKey("message"));
        Assert.False(failed.ContainsKey("message"));
    }

    [Fact]
    public async Task MessageBodiesAppearWhenTheOperatorEnablesThem()
    {
        await using var server = new CaoServerProcess();
        server.Environment["CAO_PLUGIN_EVENTS_INCLUDE_MESSAGES"] = "true";
        await server.StartAsync();
        var receiver = await CreateMockSessionAsync(server);
        await server.Http.PostAsJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = "cafe0001", message = "visible-body" });

        await Poll.UntilAsync(async () => (await HistoryAsync(server, "post_queue_message")).Count == 1, "the queued event", Wait);
        Assert.Equal("visible-body", (await HistoryAsync(server, "post_queue_message"))[0]["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadTypesAndLimitsAreRefusedWithOneClearLine()
    {
        await using var server = new CaoServerProcess();
        await server.StartAsync();

        using var badType = await server.Http.GetAsync("/events?type=post_nothing");
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Contains("Unknown event type 'post_nothing'", await badType.Content.ReadAsStringAsync());
        using var badLimit = await server.Http.GetAsync("/events/history?limit=0");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badLimit.StatusCode);
        Assert.Contains("limit must be between 1 and 1000", await badLimit.Content.ReadAsStringAsync());
        using var history = await server.Http.GetAsync("/events/history?type=post_kill_session");
        Assert.Equal("[]", await history.Content.ReadAsStringAsync());
    }

    internal static async Task<SseReader> OpenStreamAsync(CaoServerProcess server, string path)
    {
        var response = await server.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        await reader.WaitForCommentAsync("connected", Wait); // subscribed: nothing published from here on is missed
        return reader;
    }

    internal static async Task<string> CreateMockSessionAsync(CaoServerProcess server) =>
        (await PostAsync(server, $"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}", HttpStatusCode.Created))["id"]!.GetValue<string>();

    internal static async Task<JsonObject> PostAsync(CaoServerProcess server, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await server.Http.PostAsync(path, null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    internal static async Task<JsonObject> GetAsync(CaoServerProcess server, string path) =>
        JsonNode.Parse(await server.Http.GetStringAsync(path))!.AsObject();

    internal static async Task<string> StatusAsync(CaoServerProcess server, string terminal) =>
        (await GetAsync(server, $"/terminals/{terminal}"))["status"]!.GetValue<string>();

    internal static Task WaitForStatusAsync(CaoServerProcess server, string terminal, params string[] statuses) =>
        Poll.UntilAsync(async () => Array.IndexOf(statuses, await StatusAsync(server, terminal)) >= 0, $"{terminal} to be {string.Join("/", statuses)}", Wait);

    internal static async Task<List<JsonObject>> HistoryAsync(CaoServerProcess server, string type) =>
        JsonNode.Parse(await server.Http.GetStringAsync($"/events/history?limit=1000&type={type}"))!.AsArray().Select(n => n!.AsObject()).ToList();

    private static async Task<List<JsonObject>> StatusEventsAsync(CaoServerProcess server, string terminal) =>
        (await HistoryAsync(server, "post_terminal_status_change")).Where(e => e["terminal_id"]!.GetValue<string>() == terminal).ToList();
}

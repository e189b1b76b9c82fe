using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

public sealed class SessionLifecycleTests
{
    [Fact]
    public async Task FullLifecyclePublishesTheExactEventSequenceWithEveryField()
    {
        await using var server = await CaoTestServer.StartAsync();

        var first = await server.CreateMockSessionAsync();
        var session = first["session_name"]!.GetValue<string>();
        var firstId = first["id"]!.GetValue<string>();
        var second = await server.PostJsonAsync(
            $"/sessions/{session}/terminals?agent_profile=reviewer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            expected: HttpStatusCode.Created);
        var secondId = second["id"]!.GetValue<string>();
        await server.PostJsonAsync($"/terminals/{secondId}/input?message=hello&sender_id={firstId}&orchestration_type=send_message");
        await server.DeleteAsync($"/terminals/{secondId}");
        await server.DeleteAsync($"/sessions/{session}");

        await Poll.UntilAsync(() => server.RecordedEvents().Count >= 7, "seven events recorded");
        var events = server.RecordedEvents();
        Assert.Equal(
            ["post_create_terminal", "post_create_session", "post_create_terminal", "post_send_message", "post_kill_terminal", "post_kill_terminal", "post_kill_session"],
            events.Select(e => Field(e, "event_type")));
        Assert.All(events, e => Assert.Equal(session, Field(e, "session_id")));
        Assert.Equal((firstId, "developer", "mock_cli"), (Field(events[0], "terminal_id"), Field(events[0], "agent_name"), Field(events[0], "provider")));
        Assert.Equal(session, Field(events[1], "session_name"));
        Assert.Equal((secondId, "reviewer", "mock_cli"), (Field(events[2], "terminal_id"), Field(events[2], "agent_name"), Field(events[2], "provider")));
        Assert.Equal((firstId, secondId, "hello", "send_message"),
            (Field(events[3], "sender"), Field(events[3], "receiver"), Field(events[3], "message"), Field(events[3], "orchestration_type")));
        Assert.Equal((secondId, "reviewer"), (Field(events[4], "terminal_id"), Field(events[4], "agent_name")));
        Assert.Equal((firstId, "developer"), (Field(events[5], "terminal_id"), Field(events[5], "agent_name")));
        Assert.Equal(session, Field(events[6], "session_name"));
        Assert.False(await server.Tmux.HasSessionAsync(session));
    }

    private static string? Field(JsonObject e, string name) => e[name]?.GetValue<string>();
}

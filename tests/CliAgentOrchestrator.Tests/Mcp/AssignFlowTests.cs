using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>The supervisor's assign round trip, driven through real <c>cao mcp-server</c> processes and through the server's own MCP endpoint.</summary>
public sealed class AssignFlowTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task AssignDeliversTheTaskTheWorkerRepliesToItsCallerAndIsDeletedWithEveryEventField(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync();
        var supervisor = await server.CreateMockSessionAsync("code_supervisor");
        var supervisorId = supervisor["id"]!.GetValue<string>();
        var session = supervisor["session_name"]!.GetValue<string>();
        await using var supervisorAgent = await McpAgent.StartAsync(server, supervisorId, transport);

        var assigned = await supervisorAgent.CallAsync("assign", new() { ["agent_profile"] = "developer", ["message"] = "build-the-parser" });
        Assert.True(assigned["success"]!.GetValue<bool>(), assigned.ToJsonString());
        var workerId = assigned["terminal_id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{8}$", workerId);
        Assert.Contains(workerId, assigned["message"]!.GetValue<string>());

        // The worker row knows who assigned it: that is where its reply goes.
        var worker = (await server.GetJsonAsync($"/terminals/{workerId}")).AsObject();
        Assert.Equal((supervisorId, session, "developer", "mock_cli"),
            (worker.Field("caller_id"), worker.Field("session_name"), worker.Field("agent_profile"), worker.Field("provider")));

        var task = $"build-the-parser\n\n[Assigned by terminal {supervisorId}. When done, send results back to terminal {supervisorId} using send_message]";
        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => e.Is("post_send_message")), "the task reaching the worker", Slow);
        await Poll.UntilAsync(() => TerminalLog.Answers(server, workerId).Contains("build-the-parser"), "the worker answering its task", Slow);

        await using (var workerAgent = await McpAgent.StartAsync(server, workerId, transport))
        {
            var sent = await workerAgent.CallAsync("send_message", new() { ["message"] = "parser-done" });
            Assert.True(sent["success"]!.GetValue<bool>(), sent.ToJsonString());
            Assert.Equal((workerId, supervisorId), (sent.Field("sender_id"), sent.Field("receiver_id")));
            Assert.True(sent["message_id"]!.GetValue<long>() > 0);
        }
        var reply = $"parser-done\n\n[Message from terminal {workerId}. Use send_message MCP tool for any follow-up work.]";
        await Poll.UntilAsync(() => TerminalLog.Answers(server, supervisorId).Contains("parser-done"), "the supervisor receiving the reply", Slow);
        // The screen can show the answer a moment before the delivery is announced; delete after both.
        await Poll.UntilAsync(() => server.RecordedEvents().Count(e => e.Is("post_send_message")) == 2, "the reply announced", Slow);

        var deleted = await supervisorAgent.CallAsync("delete_terminal", new() { ["terminal_id"] = workerId });
        Assert.True(deleted["success"]!.GetValue<bool>(), deleted.ToJsonString());
        await Poll.UntilAsync(() => server.RecordedEvents().Count >= 6, "six events recorded", Slow);

        var events = server.RecordedEvents();
        Assert.Equal(
            ["post_create_terminal", "post_create_session", "post_create_terminal", "post_send_message", "post_send_message", "post_kill_terminal"],
            events.Select(e => e.Field("event_type")));
        Assert.All(events, e => Assert.Equal(session, e.Field("session_id")));
        Assert.All(events, e => Assert.Null(e["traceparent"]));
        Assert.Equal((supervisorId, "code_supervisor", "mock_cli"), (events[0].Field("terminal_id"), events[0].Field("agent_name"), events[0].Field("provider")));
        Assert.Equal(session, events[1].Field("session_name"));
        Assert.Equal((workerId, "developer", "mock_cli"), (events[2].Field("terminal_id"), events[2].Field("agent_name"), events[2].Field("provider")));
        Assert.Equal((supervisorId, workerId, task, "assign"),
            (events[3].Field("sender"), events[3].Field("receiver"), events[3].Field("message"), events[3].Field("orchestration_type")));
        Assert.Equal((workerId, supervisorId, reply, "send_message"),
            (events[4].Field("sender"), events[4].Field("receiver"), events[4].Field("message"), events[4].Field("orchestration_type")));
        Assert.Equal((workerId, "developer"), (events[5].Field("terminal_id"), events[5].Field("agent_name")));
        var times = events.Select(e => DateTimeOffset.Parse(e.Field("timestamp")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);

        // The reply went through the supervisor's inbox and is marked delivered there.
        var inbox = (await server.GetJsonAsync($"/terminals/{supervisorId}/inbox/messages")).AsArray();
        var row = Assert.Single(inbox)!.AsObject();
        Assert.Equal((workerId, reply, "delivered", "send_message"), (row.Field("sender_id"), row.Field("message"), row.Field("status"), row.Field("orchestration_type")));
        await server.GetJsonAsync($"/terminals/{workerId}", System.Net.HttpStatusCode.NotFound);
    }
}

using System.Collections.Concurrent;
using CliAgentOrchestrator.Mcp;
using CliAgentOrchestrator.Tests.Messaging;
using ModelContextProtocol;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>handoff through a real <c>cao mcp-server</c> and through the server's MCP endpoint: blocking, answered, torn down, and visible to plugins.</summary>
public sealed class HandoffFlowTests
{
    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task HandoffReturnsTheWorkersAnswerAndEmitsCreateSendAndKill(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync();
        var supervisor = await server.CreateMockSessionAsync("code_supervisor");
        var supervisorId = supervisor["id"]!.GetValue<string>();
        var session = supervisor["session_name"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, supervisorId, transport);

        var result = await agent.CallAsync("handoff", new() { ["agent_profile"] = "reviewer", ["message"] = "review-module-7", ["timeout"] = 300 }, TimeSpan.FromMinutes(6));

        Assert.True(result["success"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Contains("review-module-7", result.Field("output"));
        var workerId = result.Field("terminal_id")!;
        Assert.Matches("^[0-9a-f]{8}$", workerId);
        Assert.NotEqual(supervisorId, workerId);
        // Torn down before the tool returned.
        await server.GetJsonAsync($"/terminals/{workerId}", System.Net.HttpStatusCode.NotFound);

        await Poll.UntilAsync(() => server.RecordedEvents().Count >= 5, "five events recorded", TimeSpan.FromMinutes(1));
        var events = server.RecordedEvents().Skip(2).ToList(); // after the supervisor's terminal and session
        Assert.Equal(["post_create_terminal", "post_send_message", "post_kill_terminal"], events.Select(e => e.Field("event_type")));
        Assert.All(events, e => Assert.Equal(session, e.Field("session_id")));
        Assert.Equal((workerId, "reviewer", "mock_cli"), (events[0].Field("terminal_id"), events[0].Field("agent_name"), events[0].Field("provider")));
        Assert.Equal((supervisorId, workerId, "review-module-7", "handoff"),
            (events[1].Field("sender"), events[1].Field("receiver"), events[1].Field("message"), events[1].Field("orchestration_type")));
        Assert.Equal((workerId, "reviewer"), (events[2].Field("terminal_id"), events[2].Field("agent_name")));
        Assert.Equal(5, server.RecordedEvents().Count);
    }

    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task AHandoffThatWaitsReportsProgressToAClientThatAsksForIt(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var supervisorId = (await server.CreateMockSessionAsync("code_supervisor"))["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, supervisorId, transport);
        var reports = new ConcurrentQueue<ProgressNotificationValue>();
        var sleep = (int)HandoffProgress.Interval.TotalSeconds + 5;

        var result = await agent.CallAsync("handoff", new() { ["agent_profile"] = "reviewer", ["message"] = $"__mock_sleep_{sleep}", ["timeout"] = 300 },
            TimeSpan.FromMinutes(6), new SynchronousProgress(reports.Enqueue));

        Assert.True(result["success"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Contains($"slept {sleep}s", result.Field("output"));
        Assert.NotEmpty(reports);
        var first = reports.First();
        Assert.Equal(300, first.Total);
        Assert.InRange(first.Progress, HandoffProgress.Interval.TotalSeconds - 1, sleep + 60);
        Assert.StartsWith("Waiting for the reviewer worker", first.Message);
    }

    // Progress<T> posts to the thread pool, so a report could land after the assertions; this one records at once.
    private sealed class SynchronousProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}

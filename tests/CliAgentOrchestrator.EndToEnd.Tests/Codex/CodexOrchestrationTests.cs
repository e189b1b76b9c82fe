using System.Text.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.EndToEnd.Tests.FakeModel;
using CliAgentOrchestrator.EndToEnd.Tests.Support;

namespace CliAgentOrchestrator.EndToEnd.Tests.Codex;

/// <summary>
/// Codex agents working together through CAO's MCP server (the server's own endpoint, or <c>cao mcp-server</c>
/// started by Codex itself) on the test server's own port, never the default 9889: send_message, assign with a
/// callback, and handoff.
/// </summary>
public sealed class CodexOrchestrationTests
{
    private static readonly TimeSpan Deadline = AgentTestBed.WorkerPatience;

    // Over the server's own endpoint (the default) and through a `cao mcp-server` Codex starts.
    [Theory]
    [InlineData("http")]
    [InlineData("stdio")]
    public async Task Send_message_from_one_codex_agent_reaches_the_other_through_caos_mcp_server_on_a_non_default_port(string mcpTransport)
    {
        await using var bed = await CodexTestBed.StartAsync(mcpTransport);
        Assert.NotEqual(9889, bed.Server.Port);
        var sender = await bed.CreateSessionAsync("codex");
        var senderId = AgentTestBed.Id(sender);
        var receiverId = AgentTestBed.Id(await bed.CreateTerminalAsync(sender["session_name"]!.GetValue<string>(), "codex"));

        await bed.SendInputAsync(senderId,
            Tool("send_message", new { receiver_id = receiverId, message = "[[reply: The receiver got the message.]]" }) + " [[reply: Sent. {result}]]");

        await WaitForLastMessageAsync(bed, receiverId, m => m == "The receiver got the message.");
        await bed.WaitForStatusAsync(senderId, "completed");
        var sent = await bed.LastMessageAsync(senderId);
        Assert.StartsWith("Sent.", sent);
        Assert.Contains("success", sent);

        // Codex offers CAO's tools in a namespace named after the server (dashes become underscores).
        Assert.Contains("mcp__cao_mcp_server.send_message", OfferedTools(bed));
        await bed.WaitForEventAsync(e => Text(e, "event_type") == "post_send_message");
        var delivered = Assert.Single(bed.RecordedEvents(), e => Text(e, "event_type") == "post_send_message");
        Assert.Equal(senderId, Text(delivered, "sender"));
        Assert.Equal(receiverId, Text(delivered, "receiver"));
    }

    [Fact]
    public async Task Assign_starts_a_codex_worker_whose_send_message_callback_the_supervisor_answers()
    {
        await using var bed = await CodexTestBed.StartAsync();
        var supervisor = await bed.CreateSessionAsync("codex", "code_supervisor");
        var supervisorId = AgentTestBed.Id(supervisor);
        var session = supervisor["session_name"]!.GetValue<string>();

        var workerTask = Tool("send_message", new { receiver_id = supervisorId, message = "[[reply: The supervisor got the callback.]]" })
            + " [[reply: Reported back.]]";
        await bed.SendInputAsync(supervisorId, Tool("assign", new { agent_profile = "developer", message = workerTask }) + " [[reply: Assigned. {result}]]");

        await WaitForLastMessageAsync(bed, supervisorId, m => m == "The supervisor got the callback.");
        var workerId = Assert.Single(await TerminalIdsAsync(bed, session), id => id != supervisorId);
        await bed.WaitForStatusAsync(workerId, "completed");
        Assert.Equal("Reported back.", await bed.LastMessageAsync(workerId));
        await bed.WaitForEventAsync(e => Text(e, "event_type") == "post_create_terminal" && Text(e, "terminal_id") == workerId);
        await bed.WaitForEventAsync(e => Text(e, "event_type") == "post_send_message" && Text(e, "sender") == workerId && Text(e, "receiver") == supervisorId);
    }

    [Fact]
    public async Task Handoff_returns_the_whole_nine_line_answer_of_the_codex_worker_and_removes_the_worker()
    {
        await using var bed = await CodexTestBed.StartAsync();
        var supervisor = await bed.CreateSessionAsync("codex", "code_supervisor");
        var supervisorId = AgentTestBed.Id(supervisor);
        var session = supervisor["session_name"]!.GetValue<string>();
        var lines = Enumerable.Range(1, 9).Select(i => $"Handed-off line {i} of 9").ToArray();

        var workerTask = $"[[slow: 150]] [[reply: {string.Join("\\n", lines)}]]";
        await bed.SendInputAsync(supervisorId, Tool("handoff", new { agent_profile = "developer", message = workerTask }) + " [[reply: Worker said: {result}]]");

        var answer = await WaitForLastMessageAsync(bed, supervisorId, m => m.StartsWith("Worker said:", StringComparison.Ordinal));
        var flat = string.Join(' ', answer.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.All(lines, line => Assert.Contains(line, flat));
        Assert.Equal([supervisorId], await TerminalIdsAsync(bed, session));
        var workerId = Text(Assert.Single(bed.RecordedEvents(), e => Text(e, "event_type") == "post_create_terminal" && Text(e, "terminal_id") != supervisorId), "terminal_id");
        await bed.WaitForEventAsync(e => Text(e, "event_type") == "post_kill_terminal" && Text(e, "terminal_id") == workerId);
    }

    // A directive that makes the fake model call the offered tool whose name ends with `name`.
    private static string Tool(string name, object arguments) => $"[[tool: {name} {JsonSerializer.Serialize(arguments)}]]";

    private static string? Text(JsonObject e, string name) =>
        (e[name] ?? e.FirstOrDefault(p => string.Equals(p.Key.Replace("_", ""), name.Replace("_", ""), StringComparison.OrdinalIgnoreCase)).Value)?.ToString();

    private static IEnumerable<string> OfferedTools(AgentTestBed bed) =>
        bed.Model.Requests.Where(r => r.Path.StartsWith("/v1/responses", StringComparison.Ordinal))
            .SelectMany(r => OpenAiResponsesApi.OfferedTools(JsonNode.Parse(r.Body)!.AsObject()))
            .Distinct();

    private static async Task<string[]> TerminalIdsAsync(AgentTestBed bed, string session)
    {
        var list = JsonNode.Parse(await bed.Http.GetStringAsync($"/sessions/{session}/terminals"))!.AsArray();
        return list.Select(t => t!["id"]!.GetValue<string>()).ToArray();
    }

    // The agent's last answer once it is completed and the answer is the one expected (earlier turns also complete).
    private static async Task<string> WaitForLastMessageAsync(AgentTestBed bed, string id, Func<string, bool> expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (await bed.StatusAsync(id) == "completed")
            {
                last = await bed.LastMessageAsync(id);
                if (expected(last)) return last;
            }
            await Task.Delay(200);
        }
        var session = (await bed.GetAsync($"/terminals/{id}"))["session_name"]!.GetValue<string>();
        var screens = new System.Text.StringBuilder();
        foreach (var other in await TerminalIdsAsync(bed, session))
            screens.Append($"\n--- terminal {other} ({await bed.StatusAsync(other)}):\n{await bed.ScreenAsync(other)}");
        throw new TimeoutException($"terminal {id}: no expected answer within {Deadline.TotalSeconds} s (last: {last}); screens:{screens}");
    }
}

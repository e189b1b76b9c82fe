using CliAgentOrchestrator.EndToEnd.Tests.Support;
using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;
using Xunit.Abstractions;

namespace CliAgentOrchestrator.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// Real Claude Code agents working together through CAO's MCP server (send_message, assign, handoff),
/// with no permission prompt for CAO's own tools: the tests run as whoever runs them, root included.
/// </summary>
[Collection(ClaudeCodeCollection.Name)]
public sealed class ClaudeCodeOrchestrationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = AgentTestBed.WorkerPatience;

    // Over the server's own endpoint (the default) and through a `cao mcp-server` Claude starts.
    [Theory]
    [InlineData("http")]
    [InlineData("stdio")]
    public async Task Send_message_from_one_claude_agent_reaches_the_other(string mcpTransport)
    {
        await using var bed = await ClaudeCodeTestBed.StartAsync(mcpTransport);
        var sender = await bed.CreateSessionAsync(ClaudeCodeTestBed.Provider);
        var senderId = AgentTestBed.Id(sender);
        var receiverId = AgentTestBed.Id(await bed.CreateTerminalAsync(sender["session_name"]!.GetValue<string>(), ClaudeCodeTestBed.Provider));
        await bed.WaitForStatusAsync(receiverId, "idle");

        await bed.SendToolPromptAsync(senderId,
            $$"""[[tool: send_message {"receiver_id":"{{receiverId}}","message":"[[reply: The receiver got the note.]] A note from the sender."}]] [[reply: Message sent.]]""");

        await WaitForLastMessageAsync(bed, senderId, "Message sent.");
        await WaitForLastMessageAsync(bed, receiverId, "The receiver got the note.");
        await bed.WaitForEventAsync(e => Is(e, "post_send_message") && Text(e, "sender") == senderId
            && Text(e, "receiver") == receiverId && Text(e, "orchestration_type") == "send_message");
    }

    [Fact]
    public async Task Assign_starts_a_worker_whose_send_message_reaches_the_supervisor()
    {
        await using var bed = await ClaudeCodeTestBed.StartAsync();
        var supervisorId = AgentTestBed.Id(await bed.CreateSessionAsync(ClaudeCodeTestBed.Provider));
        await bed.WaitForStatusAsync(supervisorId, "idle");

        // The worker's task carries the worker's own script: report back with send_message (no receiver: the assigner).
        await bed.SendToolPromptAsync(supervisorId,
            """[[tool: assign {"agent_profile":"developer","message":"[[tool: send_message {\"message\":\"[[reply: The worker reports: 3 files changed.]]\"}]] [[reply: Reported back.]]"}]] [[reply: Assigned the task.]]""");

        try
        {
            await WaitForLastMessageAsync(bed, supervisorId, "The worker reports: 3 files changed.");
        }
        catch (TimeoutException ex)
        {
            var workers = bed.RecordedEvents().Where(e => Is(e, "post_create_terminal") && Text(e, "terminal_id") != supervisorId).Select(e => Text(e, "terminal_id")!);
            var screens = new List<string>();
            foreach (var worker in workers) screens.Add($"worker {worker} ({await bed.StatusAsync(worker)}):\n{await bed.ScreenAsync(worker)}");
            throw new TimeoutException(ex.Message + "\n" + string.Join("\n", screens), ex);
        }
        var assigned = await bed.WaitForEventAsync(e => Is(e, "post_send_message") && Text(e, "orchestration_type") == "assign");
        var workerId = Text(assigned, "receiver");
        Assert.Equal(supervisorId, Text(assigned, "sender"));
        await bed.WaitForEventAsync(e => Is(e, "post_send_message") && Text(e, "orchestration_type") == "send_message"
            && Text(e, "sender") == workerId && Text(e, "receiver") == supervisorId);
        Assert.Equal("Reported back.", await bed.LastMessageAsync(workerId!));
    }

    [Fact]
    public async Task Handoff_returns_the_workers_whole_multi_line_answer_to_the_supervisor_and_removes_the_worker()
    {
        await using var bed = await ClaudeCodeTestBed.StartAsync();
        var supervisorId = AgentTestBed.Id(await bed.CreateSessionAsync(ClaudeCodeTestBed.Provider));
        await bed.WaitForStatusAsync(supervisorId, "idle");
        const string work = "Line one of the work.\nLine two of the work.\nLine three of the work.";

        await bed.SendToolPromptAsync(supervisorId,
            """[[tool: handoff {"agent_profile":"developer","message":"[[slow: 200]] [[reply: Line one of the work.\\nLine two of the work.\\nLine three of the work.]]"}]] [[reply: Worker answered: {result}]]""");

        await Poll.UntilAsync(() => Task.FromResult(bed.Model.Answers.Any(a => a.Turn.Text.StartsWith("Worker answered: ", StringComparison.Ordinal))),
            "the supervisor's answer after the handoff", Patience);
        var reply = bed.Model.Answers.Last(a => a.Turn.Text.StartsWith("Worker answered: ", StringComparison.Ordinal)).Turn.Text;
        output.WriteLine(reply);
        var result = JsonNode.Parse(reply["Worker answered: ".Length..])!;
        Assert.True(result["success"]?.GetValue<bool>(), reply);
        Assert.Equal(work, result["output"]?.GetValue<string>());

        await bed.WaitForStatusAsync(supervisorId, Patience, "completed");
        var shown = await bed.LastMessageAsync(supervisorId);
        Assert.StartsWith("Worker answered: ", shown);
        Assert.Contains("Line three of the work.", shown);

        var workerId = result["terminal_id"]!.GetValue<string>();
        using var gone = await bed.Http.GetAsync($"/terminals/{workerId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await bed.WaitForEventAsync(e => Is(e, "post_send_message") && Text(e, "orchestration_type") == "handoff" && Text(e, "receiver") == workerId);
        await bed.WaitForEventAsync(e => Is(e, "post_kill_terminal") && Text(e, "terminal_id") == workerId);
    }

    // Past Claude Code's two limits on a long MCP call: an HTTP answer not started within 60 s, and the
    // move of a call still running after two minutes to the background (which ended the turn, so the
    // supervisor read as completed mid-handoff). The worker is mock_cli, sleeping.
    [Fact]
    public async Task A_handoff_longer_than_two_minutes_keeps_the_supervisor_processing_until_the_answer()
    {
        const int workerSeconds = 135;
        await using var bed = await ClaudeCodeTestBed.StartAsync();
        File.WriteAllText(Path.Combine(bed.Server.Home.AgentStoreDirectory, "sleeper.md"),
            "---\nname: sleeper\ndescription: A worker that takes its time\nprovider: mock_cli\n---\nYou sleep.\n");
        var supervisorId = AgentTestBed.Id(await bed.CreateSessionAsync(ClaudeCodeTestBed.Provider));
        await bed.WaitForStatusAsync(supervisorId, "idle");

        await bed.SendToolPromptAsync(supervisorId,
            $$"""[[tool: handoff {"agent_profile":"sleeper","message":"__mock_sleep_{{workerSeconds}}","timeout":600}]] [[reply: Worker answered: {result}]]""");

        var seen = new List<string>();
        await Poll.UntilAsync(async () =>
        {
            seen.Add(await bed.StatusAsync(supervisorId));
            return bed.Model.Answers.Any(a => a.Turn.Text.StartsWith("Worker answered: ", StringComparison.Ordinal));
        }, "the supervisor's answer after a long handoff", TimeSpan.FromSeconds(workerSeconds) + Patience);
        var reply = bed.Model.Answers.Last(a => a.Turn.Text.StartsWith("Worker answered: ", StringComparison.Ordinal)).Turn.Text;
        // Claude Code's own failure ("The operation timed out") stands where CAO's JSON answer should be.
        var answer = reply["Worker answered: ".Length..];
        Assert.True(answer.StartsWith('{'), $"the handoff did not return CAO's answer: {answer}");
        var result = JsonNode.Parse(answer)!;
        Assert.True(result["success"]?.GetValue<bool>(), reply);
        Assert.Contains($"slept {workerSeconds}s", result["output"]?.GetValue<string>());
        // From the prompt to the answer the supervisor never read as done.
        var firstBusy = seen.IndexOf("processing");
        Assert.True(firstBusy >= 0, string.Join(", ", seen));
        Assert.DoesNotContain("completed", seen.Skip(firstBusy));
    }

    private static async Task WaitForLastMessageAsync(Support.AgentTestBed bed, string terminalId, string expected)
    {
        var last = "";
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (await bed.StatusAsync(terminalId) != "completed") return false;
                last = await bed.LastMessageAsync(terminalId);
                return last == expected;
            }, $"terminal {terminalId} to answer \"{expected}\"", Patience);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; last answer \"{last}\"; screen:\n{await bed.ScreenAsync(terminalId)}", ex);
        }
    }

    private static bool Is(JsonObject e, string type) => Text(e, "event_type") == type;

    private static string? Text(JsonObject e, string name) => e[name]?.GetValue<string>();
}

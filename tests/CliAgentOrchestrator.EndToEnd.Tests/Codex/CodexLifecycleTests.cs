using CliAgentOrchestrator.EndToEnd.Tests.Support;
using System.Diagnostics;
using Xunit.Abstractions;

namespace CliAgentOrchestrator.EndToEnd.Tests.Codex;

/// <summary>The real Codex CLI (0.169.0) as a CAO agent: start-up, a prompt, a slowly streamed answer.</summary>
public sealed class CodexLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_codex_session_is_idle_only_once_codex_is_ready_with_the_folder_trust_answered_by_cao()
    {
        await using var bed = await CodexTestBed.StartAsync();
        var clock = Stopwatch.StartNew();

        var id = AgentTestBed.Id(await bed.CreateSessionAsync("codex"));
        output.WriteLine($"create -> answered in {clock.Elapsed.TotalSeconds:0.00} s");

        // The server answers once init is over: Codex must be idle now, not still painting its start-up.
        Assert.Equal("idle", await bed.StatusAsync(id));
        var screen = await bed.ScreenAsync(id);
        Assert.Contains("gpt-fake", screen);
        Assert.Contains("Trust this folder?", screen);
        var config = File.ReadAllText(Path.Combine(bed.Home, ".codex", "config.toml"));
        Assert.Contains($"[projects.\"{bed.WorkDirectory}\"]", config);
        Assert.Contains("trust_level = \"trusted\"", config);

        // Typed at once, the first input reaches the model, not a dialog.
        await bed.SendInputAsync(id, "[[reply: ready and listening]]");
        await bed.WaitForStatusAsync(id, "completed");
        Assert.Equal("ready and listening", await bed.LastMessageAsync(id));
        await bed.WaitForEventAsync(e => e["event_type"]?.GetValue<string>() == "post_create_session");
    }

    [Fact]
    public async Task A_prompt_goes_processing_then_completed_and_the_last_message_is_exactly_the_answer()
    {
        await using var bed = await CodexTestBed.StartAsync();
        var id = AgentTestBed.Id(await bed.CreateSessionAsync("codex"));

        var clock = Stopwatch.StartNew();
        await bed.SendInputAsync(id, "[[slow: 150]] [[reply: The answer has three lines.\nSecond line here.\nThird and last.]]");
        await bed.WaitForStatusAsync(id, "processing");
        await bed.WaitForStatusAsync(id, "completed");
        output.WriteLine($"prompt -> completed in {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.Equal("The answer has three lines.\nSecond line here.\nThird and last.", await bed.LastMessageAsync(id));
    }

    [Fact]
    public async Task A_slowly_streamed_nine_line_answer_reads_processing_until_the_last_token()
    {
        await using var bed = await CodexTestBed.StartAsync();
        var id = AgentTestBed.Id(await bed.CreateSessionAsync("codex"));
        var lines = Enumerable.Range(1, 9).Select(i => $"Line {i} of the slow answer").ToArray();

        await bed.SendInputAsync(id, $"[[slow: 300]] [[reply: {string.Join("\\n", lines)}]]");
        var seen = new List<(DateTime At, string Status)>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var status = await bed.StatusAsync(id);
            seen.Add((DateTime.UtcNow, status));
            if (status == "completed" || DateTime.UtcNow > deadline) break;
            await Task.Delay(20);
        }

        var answer = bed.Model.Answers.Single(a => a.Turn.Text.StartsWith("Line 1", StringComparison.Ordinal));
        var completedAt = seen[^1].At;
        Assert.True(seen[^1].Status == "completed", $"never completed; screen:\n{await bed.ScreenAsync(id)}");
        Assert.Contains(seen, s => s.Status == "processing");
        // Once the turn runs, nothing but processing until the stream has ended.
        var firstProcessing = seen.First(s => s.Status == "processing").At;
        Assert.All(seen.Where(s => s.At >= firstProcessing && s.At < answer.LastTokenAt), s => Assert.Equal("processing", s.Status));
        Assert.True(completedAt >= answer.LastTokenAt, "completed before the last token was sent");
        output.WriteLine($"completed {(completedAt - answer.LastTokenAt).TotalMilliseconds:0} ms after the last token");
        Assert.Equal(string.Join('\n', lines), await bed.LastMessageAsync(id));
    }
}

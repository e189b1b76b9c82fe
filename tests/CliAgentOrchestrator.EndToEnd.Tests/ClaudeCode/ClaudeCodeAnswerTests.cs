using CliAgentOrchestrator.EndToEnd.Tests.Support;
using System.Diagnostics;
using Xunit.Abstractions;

namespace CliAgentOrchestrator.EndToEnd.Tests.ClaudeCode;

/// <summary>A prompt to the real Claude Code: status while it answers, and the answer read back.</summary>
[Collection(ClaudeCodeCollection.Name)]
public sealed class ClaudeCodeAnswerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_prompt_reads_processing_then_completed_and_the_last_message_is_exactly_the_scripted_answer()
    {
        await using var bed = await ClaudeCodeTestBed.StartAsync();
        var id = AgentTestBed.Id(await bed.CreateSessionAsync(ClaudeCodeTestBed.Provider));
        await bed.WaitForStatusAsync(id, "idle");

        var watch = Stopwatch.StartNew();
        await bed.SendInputAsync(id, "[[slow: 100]] [[reply: The answer is 42, and nothing else.]]");
        await bed.WaitForStatusAsync(id, "processing");
        await bed.WaitForStatusAsync(id, "completed");
        output.WriteLine($"prompt → completed: {watch.Elapsed.TotalSeconds:0.0} s");
        await Support.ScreenCapture.SaveAsync(bed, id, ClaudeCodeTestBed.ScreenPrefix, "completed");

        Assert.Equal("The answer is 42, and nothing else.", await bed.LastMessageAsync(id));
        // Nothing but the fake model was called: no update check, telemetry or plugin marketplace.
        Assert.Empty(bed.Proxy.Attempts);
    }

    [Fact]
    public async Task A_slow_multi_line_answer_reads_processing_until_its_last_token_and_is_read_back_whole()
    {
        await using var bed = await ClaudeCodeTestBed.StartAsync();
        var id = AgentTestBed.Id(await bed.CreateSessionAsync(ClaudeCodeTestBed.Provider));
        await bed.WaitForStatusAsync(id, "idle");
        const string answer = "First line of a slow answer.\nSecond line, still streaming.\nThird line of the answer.\nThe last line.";

        await bed.SendInputAsync(id, "[[slow: 300]] [[reply: " + answer.Replace("\n", "\\n", StringComparison.Ordinal) + "]]");
        // Every status the API reports, polled fast, with the time it was first seen.
        var seen = new List<(DateTime At, string Status)>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var status = await bed.StatusAsync(id);
            if (seen.Count == 0 || seen[^1].Status != status) seen.Add((DateTime.UtcNow, status));
            if (status == "processing" && seen.Count(s => s.Status == "processing") == 1 && seen[^1].At < DateTime.UtcNow.AddSeconds(-2))
                await Support.ScreenCapture.SaveAsync(bed, id, ClaudeCodeTestBed.ScreenPrefix, "streaming");
            if (status == "completed") break;
            await Task.Delay(50);
        }
        var lastToken = bed.Model.Answers.Last(a => a.Turn.Text == answer).LastTokenAt;
        foreach (var (at, status) in seen) output.WriteLine($"{(at - lastToken).TotalMilliseconds,8:0} ms after the last token: {status}");

        var completed = seen.FirstOrDefault(s => s.Status == "completed");
        Assert.True(completed != default, $"never completed: {string.Join(", ", seen.Select(s => s.Status))}\n{await bed.ScreenAsync(id)}");
        Assert.True(completed.At >= lastToken, $"completed {(lastToken - completed.At).TotalMilliseconds:0} ms before the model's last token");
        Assert.Contains(seen, s => s.Status == "processing" && s.At < lastToken);
        // Before Claude Code takes the input the agent may still read idle; from the first processing on, nothing but completed.
        Assert.DoesNotContain(seen.SkipWhile(s => s.Status != "processing"), s => s.Status is "idle" or "waiting_user_answer" or "error");
        output.WriteLine($"completed {(completed.At - lastToken).TotalMilliseconds:0} ms after the last token");
        Assert.Equal(answer, await bed.LastMessageAsync(id));
    }
}

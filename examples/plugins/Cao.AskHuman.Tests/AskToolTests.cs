using System.Net.Http.Json;
using Cao.AskHuman.Tests.Doubles;

namespace Cao.AskHuman.Tests;

/// <summary>
/// askhuman_ask as an agent uses it: a real cao server with the published plugin installed, the
/// agent's real cao mcp-server over stdio, and a fake chat bridge on loopback as the only stand-in.
/// </summary>
public sealed class AskToolTests
{
    [Fact]
    public async Task TheQuestionReachesTheWebhookAndTheAnswerPostedBackIsWhatTheAgentReads()
    {
        await using var webhook = new FakeWebhook();
        await using var cao = await CaoBed.StartAsync(Settings(webhook));

        var asking = cao.CallAsync("askhuman_ask", new() { ["question"] = "Deploy to prod on a Friday?" });
        var question = await Poll.UntilAsync(() => Task.FromResult(webhook.Questions.TryPeek(out var q) ? (object?)q : null), "the question at the webhook");
        var posted = webhook.Questions.Single();
        using var answer = await cao.Http.PostAsJsonAsync(posted.GetProperty("answer_url").GetString(), new { answer = "No. Monday." });
        var (text, isError) = await asking;

        Assert.Equal(("No. Monday.", false), (text, isError));
        Assert.Equal("Deploy to prod on a Friday?", posted.GetProperty("question").GetString());
        Assert.Equal(cao.TerminalId, posted.GetProperty("terminal_id").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NoContent, answer.StatusCode);
    }

    [Fact]
    public async Task AWebhookThatAnswersAtOnceIsTakenAtItsWord()
    {
        await using var webhook = new FakeWebhook { Reply = q => (200, "{\"answer\": \"yes, go\"}") };
        await using var cao = await CaoBed.StartAsync(Settings(webhook));

        Assert.Equal(("yes, go", false), await cao.CallAsync("askhuman_ask", new() { ["question"] = "Go?" }));
    }

    [Fact]
    public async Task NoAnswerWithinTheTimeoutIsAToolErrorTheAgentCanActOn()
    {
        await using var webhook = new FakeWebhook();
        await using var cao = await CaoBed.StartAsync(Settings(webhook));

        var (text, isError) = await cao.CallAsync("askhuman_ask", new() { ["question"] = "Anyone?", ["timeout_seconds"] = 1 });

        Assert.True(isError);
        Assert.Equal("askhuman_ask failed: no answer within 1s; carry on without it or ask again later", text);
        Assert.Single(webhook.Questions);
    }

    [Fact]
    public async Task AWebhookThatFailsIsAToolErrorNamingItsStatus()
    {
        await using var webhook = new FakeWebhook { Reply = _ => (500, null) };
        await using var cao = await CaoBed.StartAsync(Settings(webhook));

        var (text, isError) = await cao.CallAsync("askhuman_ask", new() { ["question"] = "Hello?" });

        Assert.True(isError);
        Assert.Contains("the webhook answered 500", text);
    }

    [Fact]
    public async Task WithoutAWebhookTheToolIsListedAndSaysWhatToConfigure()
    {
        await using var cao = await CaoBed.StartAsync(new Dictionary<string, string>());

        var tool = (await cao.ToolsAsync()).Single(t => t.Name == "askhuman_ask");
        var (text, isError) = await cao.CallAsync("askhuman_ask", new() { ["question"] = "Hello?" });

        Assert.Contains("question", tool.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(isError);
        Assert.StartsWith("askhuman_ask is not available: plugin 'askhuman' is not configured (webhook_url is not set", text);
        Assert.Contains("CAO_PLUGIN_ASKHUMAN_WEBHOOK_URL", text);
    }

    private static Dictionary<string, string> Settings(FakeWebhook webhook) => new()
    {
        ["webhook_url"] = webhook.Url,
        ["answer_port"] = FakeWebhook.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["timeout_seconds"] = "120",
    };
}

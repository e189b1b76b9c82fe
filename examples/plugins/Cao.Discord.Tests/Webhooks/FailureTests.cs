using System.Net;
using Cao.Discord.Tests.Doubles;

namespace Cao.Discord.Tests.Webhooks;

/// <summary>Discord or the network failing: logged as warnings, retried where it can help, never thrown.</summary>
public sealed class FailureTests : IDisposable
{
    private readonly DiscordBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task ServerErrorIsRetriedWithBackoffThenLoggedNotRaised()
    {
        for (var i = 0; i < 4; i++)
            _bed.Webhook.Then(HttpStatusCode.InternalServerError, "webhook temporarily broken");
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(4, _bed.Webhook.Posts.Count); // the first try and three retries
        Assert.Contains("Discord webhook POST failed: 500 webhook temporarily broken", Assert.Single(_bed.Log.Warnings));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _bed.Time.Waits);
    }

    [Fact]
    public async Task NetworkErrorIsRetriedThenLoggedNotRaised()
    {
        for (var i = 0; i < 4; i++)
            _bed.Webhook.ThenThrow(new HttpRequestException("boom"));
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(4, _bed.Webhook.Posts.Count);
        Assert.Contains("Discord webhook POST raised: boom", Assert.Single(_bed.Log.Warnings));
    }

    [Fact]
    public async Task ATransientFailureFollowedBySuccessDeliversOnceWithoutWarning()
    {
        _bed.Webhook.Then(HttpStatusCode.BadGateway).ThenThrow(new HttpRequestException("connection reset"));
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(3, _bed.Webhook.Posts.Count);
        Assert.Empty(_bed.Log.Warnings);
    }

    [Fact]
    public async Task ATimedOutPostIsRetriedAsTransient()
    {
        _bed.Environment["CAO_DISCORD_TIMEOUT_SECONDS"] = "0.5";
        var never = new TaskCompletionSource<HttpResponseMessage>();
        _bed.Webhook.Then(_ => never.Task); // the HttpClient timeout cancels it
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        // Two tries normally; a machine stalled past the timeout may need another, which is fine.
        Assert.InRange(_bed.Webhook.Posts.Count, 2, 4);
        Assert.Empty(_bed.Log.Warnings);
    }

    [Fact]
    public async Task AClientErrorIsNotRetriedAndLaterMessagesStillGo()
    {
        _bed.Webhook.Then(HttpStatusCode.BadRequest, """{"message": "Invalid Form Body", "code": 50035}""");
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("bad"), CancellationToken.None);
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("good"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(["bad", "good"], _bed.Webhook.Posts.Select(p => p.Content));
        Assert.Contains("Discord webhook POST failed: 400", Assert.Single(_bed.Log.Warnings));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"message": "Unknown Webhook", "code": 10015}""")]
    [InlineData(HttpStatusCode.Unauthorized, """{"message": "Invalid Webhook Token", "code": 50027}""")]
    public async Task ADeletedWebhookStopsSendingAndCountsWhatItDrops(HttpStatusCode status, string body)
    {
        _bed.Webhook.Then(status, body);
        var plugin = await _bed.StartedPluginAsync();

        for (var i = 1; i <= 12; i++)
            await plugin.OnPostSendMessageAsync(DiscordBed.Message($"m{i}"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal("m1", Assert.Single(_bed.Webhook.Posts).Content); // not retried, nothing after it
        var warnings = _bed.Log.Warnings;
        Assert.Single(warnings, w => w.Contains($"answered {(int)status}") && w.Contains("CAO_DISCORD_WEBHOOK_URL"));
        Assert.Contains(warnings, w => w.Contains("dropped 1 message(s)"));
        Assert.Contains(warnings, w => w.Contains("dropped 10 message(s)"));
        Assert.Equal(3, warnings.Count); // gone once, then the 1st and 10th drop: counted, not one line each
    }
}

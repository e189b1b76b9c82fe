using System.Diagnostics;
using System.Net;
using Cao.Discord.Tests.Doubles;

namespace Cao.Discord.Tests.Webhooks;

/// <summary>HTTP 429: wait as long as Discord asks, retry, and keep the order of messages meanwhile.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly DiscordBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task WaitsTheRetryAfterFromTheBodyThenRetries()
    {
        _bed.Webhook.ThenRateLimited(2.5);
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(["hello", "hello"], _bed.Webhook.Posts.Select(p => p.Content));
        Assert.Equal([TimeSpan.FromSeconds(2.5)], _bed.Time.Waits);
        Assert.Empty(_bed.Log.Warnings);
    }

    [Fact]
    public async Task UsesTheRetryAfterHeaderWhenTheBodyHasNone()
    {
        _bed.Webhook.Then(_ =>
        {
            var response = WebhookDouble.Response(HttpStatusCode.TooManyRequests, "slow down");
            response.Headers.TryAddWithoutValidation("Retry-After", "3");
            return Task.FromResult(response);
        });
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(2, _bed.Webhook.Posts.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], _bed.Time.Waits);
    }

    [Fact]
    public async Task MessagesKeepTheirOrderWhileARateLimitIsWaitedOut()
    {
        var discordAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.Webhook.Then(async _ =>
        {
            await discordAnswers.Task;
            return WebhookDouble.Response(HttpStatusCode.TooManyRequests, """{"retry_after": 1.5}""");
        });
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("one"), CancellationToken.None);
        await Poll.UntilAsync(() => _bed.Webhook.Posts.Count == 1, "the first POST to be in flight");
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("two"), CancellationToken.None);
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("three"), CancellationToken.None);
        discordAnswers.SetResult();
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(["one", "one", "two", "three"], _bed.Webhook.Posts.Select(p => p.Content));
        Assert.Equal([TimeSpan.FromSeconds(1.5)], _bed.Time.Waits);
    }

    [Fact]
    public async Task ARateLimitThatNeverEndsGivesUpOnThatMessageOnly()
    {
        for (var i = 0; i < 11; i++)
            _bed.Webhook.ThenRateLimited(0.5);
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("unlucky"), CancellationToken.None);
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("next"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(11, _bed.Webhook.Posts.Count(p => p.Content == "unlucky"));
        Assert.Equal("next", _bed.Webhook.Posts[^1].Content);
        Assert.Contains("still rate limited", Assert.Single(_bed.Log.Warnings));
    }

    [Fact]
    public async Task WithTheRealClockTheWaitReallyHappens()
    {
        _bed.Webhook.ThenRateLimited(0.3);
        var plugin = new DiscordPlugin
        {
            Context = new CliAgentOrchestrator.Plugins.PluginContext { Logger = _bed.Log, State = _bed.State },
            HttpHandler = _bed.Webhook.Handler,
            Environment = name => _bed.Environment.GetValueOrDefault(name),
            DotEnvDirectory = _bed.Directory.Path,
        };
        await plugin.SetupAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(2, _bed.Webhook.Posts.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.25), $"retried after {clock.Elapsed}"); // a lower bound only: never flaky
    }
}

using System.Net;
using Cao.Discord.Tests.Doubles;

namespace Cao.Discord.Tests.Webhooks;

/// <summary>The background sender: the hook never waits for Discord; teardown drains, within its deadline.</summary>
public sealed class SenderLifecycleTests : IDisposable
{
    private readonly DiscordBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task TheHookReturnsBeforeDiscordAnswers()
    {
        var discordAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.Webhook.Then(async _ =>
        {
            await discordAnswers.Task;
            return WebhookDouble.Response(HttpStatusCode.NoContent);
        });
        var plugin = await _bed.StartedPluginAsync();

        // Completes although Discord has not answered (and cannot until the gate opens).
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None)
            .WaitAsync(Poll.Deadline);
        await Poll.UntilAsync(() => _bed.Webhook.Posts.Count == 1, "the POST to reach Discord");

        discordAnswers.SetResult();
        await plugin.TeardownAsync(CancellationToken.None);
        Assert.Empty(_bed.Log.Warnings);
    }

    [Fact]
    public async Task TeardownDeliversEverythingQueuedFirst()
    {
        var plugin = await _bed.StartedPluginAsync();
        for (var i = 0; i < 20; i++)
            await plugin.OnPostSendMessageAsync(DiscordBed.Message($"m{i}"), CancellationToken.None);

        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}"), _bed.Webhook.Posts.Select(p => p.Content));
    }

    [Fact]
    public async Task TeardownPastItsDeadlineAbandonsTheRestAndSaysHowMany()
    {
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.Webhook.Then(_ => never.Task); // a Discord that never answers
        var plugin = await _bed.StartedPluginAsync();
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("stuck"), CancellationToken.None);
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("waiting 1"), CancellationToken.None);
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("waiting 2"), CancellationToken.None);
        await Poll.UntilAsync(() => _bed.Webhook.Posts.Count == 1, "the first POST to be in flight");

        using var deadline = new CancellationTokenSource();
        var teardown = plugin.TeardownAsync(deadline.Token);
        Assert.False(teardown.IsCompleted);
        deadline.Cancel();
        await teardown.WaitAsync(Poll.Deadline);
        never.TrySetCanceled();

        Assert.Single(_bed.Webhook.Posts);
        Assert.Contains(_bed.Log.Warnings, w => w.Contains("before delivering 2 queued message(s)"));
    }

    [Fact]
    public async Task TeardownReleasesTheClientAndLaterEventsAreIgnored()
    {
        var plugin = await _bed.StartedPluginAsync();

        await plugin.TeardownAsync(CancellationToken.None);
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("too late"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None); // a second teardown is harmless too

        Assert.Null(plugin.HttpTimeout);
        Assert.Empty(_bed.Webhook.Posts);
    }

    [Fact]
    public async Task AFullQueueDropsTheOldestMessagesAndCountsThem()
    {
        var discordAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.Webhook.Then(async _ =>
        {
            await discordAnswers.Task;
            return WebhookDouble.Response(HttpStatusCode.NoContent);
        });
        var plugin = await _bed.StartedPluginAsync();
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("m0"), CancellationToken.None);
        await Poll.UntilAsync(() => _bed.Webhook.Posts.Count == 1, "m0 to be in flight");

        for (var i = 1; i <= 1001; i++) // one more than the queue holds while m0 is in flight
            await plugin.OnPostSendMessageAsync(DiscordBed.Message($"m{i}"), CancellationToken.None);
        discordAnswers.SetResult();
        await plugin.TeardownAsync(CancellationToken.None);

        var sent = _bed.Webhook.Posts.Select(p => p.Content).ToList();
        Assert.Equal(["m0", .. Enumerable.Range(2, 1000).Select(i => $"m{i}")], sent);
        Assert.Contains(_bed.Log.Warnings, w => w.Contains("queue full") && w.Contains("dropped 1 oldest"));
    }
}

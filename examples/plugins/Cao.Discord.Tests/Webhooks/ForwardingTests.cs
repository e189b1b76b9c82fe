using Cao.Discord.Tests.Doubles;

namespace Cao.Discord.Tests.Webhooks;

public sealed class ForwardingTests : IDisposable
{
    private readonly DiscordBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task PostsTheSendersWindowNameAndTheMessage()
    {
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None); // delivers what is queued

        var post = Assert.Single(_bed.Webhook.Posts);
        Assert.Equal(new Uri(WebhookDouble.Url), post.Url);
        Assert.Equal("coder-a1b2", post.Username);
        Assert.Equal("hello", post.Content);
    }

    [Fact]
    public async Task FallsBackToTheTerminalIdWhenTheNameIsUnknown()
    {
        _bed.State.Terminals["aaaa0001"] = new CliAgentOrchestrator.Plugins.TerminalInfo { Id = "aaaa0001", WindowName = "" };
        _bed.State.Failing("aaaa0002");
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("first", sender: "aaaa0000"), CancellationToken.None); // no such terminal
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("second", sender: "aaaa0001"), CancellationToken.None); // empty window name
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("third", sender: "aaaa0002"), CancellationToken.None); // lookup throws
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(
            [("aaaa0000", "first"), ("aaaa0001", "second"), ("aaaa0002", "third")],
            _bed.Webhook.Posts.Select(p => (p.Username, p.Content)));
    }

    [Fact]
    public async Task MentionsInAMessageNotifyNobody()
    {
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("@everyone @here <@123> deploy is done"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        var post = Assert.Single(_bed.Webhook.Posts);
        Assert.Equal("@everyone @here <@123> deploy is done", post.Content);
        Assert.NotNull(post.AllowedMentionsParse);
        Assert.Empty(post.AllowedMentionsParse);
    }

    [Fact]
    public async Task UsernamesAreCleanedToDiscordsRules()
    {
        _bed.State.With("bbbb0001", "Discord-bot@home#1");
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hi", sender: "bbbb0001"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal("-bothome1", Assert.Single(_bed.Webhook.Posts).Username);
    }

    [Fact]
    public async Task ALongMessageIsPostedAsSeveralPiecesInOrder()
    {
        var lines = Enumerable.Range(1, 300).Select(i => $"line {i:000} of a long report from the reviewer agent");
        var message = string.Join('\n', lines);
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message(message), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        var posts = _bed.Webhook.Posts;
        Assert.True(posts.Count > 1);
        Assert.All(posts, p => Assert.True(p.Content.Length <= 2000, $"{p.Content.Length} characters"));
        Assert.All(posts, p => Assert.Equal("coder-a1b2", p.Username));
        Assert.Equal(message, string.Join('\n', posts.Select(p => p.Content)));
    }

    [Fact]
    public async Task ABlankMessageIsNotPosted()
    {
        var plugin = await _bed.StartedPluginAsync();

        await plugin.OnPostSendMessageAsync(DiscordBed.Message("  \n "), CancellationToken.None);
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("after"), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal("after", Assert.Single(_bed.Webhook.Posts).Content);
    }
}

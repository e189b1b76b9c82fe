using Cao.Discord.Configuration;
using Cao.Discord.Tests.Doubles;

namespace Cao.Discord.Tests.Configuration;

public sealed class SetupTests : IDisposable
{
    private readonly DiscordBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task SetupWithoutWebhookUrlFailsNamingTheVariable()
    {
        _bed.Environment.Clear();

        var error = await Assert.ThrowsAsync<DiscordConfigurationException>(() => _bed.Plugin().SetupAsync(CancellationToken.None));

        Assert.Contains("CAO_DISCORD_WEBHOOK_URL", error.Message);
    }

    [Fact]
    public async Task TeardownAfterFailedSetupIsSafe()
    {
        _bed.Environment.Clear();
        var plugin = _bed.Plugin();
        await Assert.ThrowsAsync<DiscordConfigurationException>(() => plugin.SetupAsync(CancellationToken.None));

        await plugin.TeardownAsync(CancellationToken.None);
        await plugin.OnPostSendMessageAsync(DiscordBed.Message("hello"), CancellationToken.None);

        Assert.Empty(_bed.Webhook.Posts);
    }

    [Fact]
    public async Task TimeoutDefaultsToFiveSeconds()
    {
        var plugin = await _bed.StartedPluginAsync();

        Assert.Equal(TimeSpan.FromSeconds(5), plugin.Options!.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), plugin.HttpTimeout);
        await plugin.TeardownAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ConfiguredTimeoutIsParsedAndAppliedToTheHttpClient()
    {
        _bed.Environment["CAO_DISCORD_TIMEOUT_SECONDS"] = "2.5";

        var plugin = await _bed.StartedPluginAsync();

        Assert.Equal(TimeSpan.FromSeconds(2.5), plugin.Options!.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), plugin.HttpTimeout);
        await plugin.TeardownAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task InvalidTimeoutFailsNamingTheVariable(string value)
    {
        _bed.Environment["CAO_DISCORD_TIMEOUT_SECONDS"] = value;

        var error = await Assert.ThrowsAsync<DiscordConfigurationException>(() => _bed.Plugin().SetupAsync(CancellationToken.None));

        Assert.Contains("CAO_DISCORD_TIMEOUT_SECONDS", error.Message);
    }

    [Fact]
    public async Task MalformedWebhookUrlFailsWithoutEchoingIt()
    {
        _bed.Environment["CAO_DISCORD_WEBHOOK_URL"] = "discord.com/api/webhooks/1/" + WebhookDouble.Token;

        var error = await Assert.ThrowsAsync<DiscordConfigurationException>(() => _bed.Plugin().SetupAsync(CancellationToken.None));

        Assert.Contains("CAO_DISCORD_WEBHOOK_URL", error.Message);
        Assert.DoesNotContain(WebhookDouble.Token, error.Message);
    }

    [Fact]
    public async Task SetupLogsTheWebhookWithItsTokenHidden()
    {
        var plugin = await _bed.StartedPluginAsync();
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Contains(_bed.Log.Lines(), l => l.Contains("https://discord.com/api/webhooks/123456789012345678/***"));
        Assert.DoesNotContain(_bed.Log.Lines(), l => l.Contains(WebhookDouble.Token));
    }
}

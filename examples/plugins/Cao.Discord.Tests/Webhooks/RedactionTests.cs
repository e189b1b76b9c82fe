using System.Net;
using Cao.Discord.Configuration;
using Cao.Discord.Tests.Doubles;

namespace Cao.Discord.Tests.Webhooks;

/// <summary>The webhook token is a password for the channel: no log line may carry it.</summary>
public sealed class RedactionTests : IDisposable
{
    private readonly DiscordBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task NoLogLineCarriesTheToken()
    {
        var urlInError = new HttpRequestException($"Connection refused ({WebhookDouble.Url})");
        for (var i = 0; i < 4; i++)
            _bed.Webhook.ThenThrow(urlInError);
        _bed.Webhook.Then(HttpStatusCode.BadRequest, $"bad request for {WebhookDouble.Url}");
        _bed.Webhook.Then(HttpStatusCode.NotFound, """{"message": "Unknown Webhook"}""");
        var plugin = await _bed.StartedPluginAsync();

        foreach (var text in new[] { "network", "bad", "gone", "dropped" })
            await plugin.OnPostSendMessageAsync(DiscordBed.Message(text), CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        var lines = _bed.Log.Lines();
        Assert.True(lines.Count >= 5, string.Join('\n', lines));
        Assert.DoesNotContain(lines, l => l.Contains(WebhookDouble.Token, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, l => l.Contains("https://discord.com/api/webhooks/123456789012345678/***"));
    }

    [Theory]
    [InlineData("https://discord.com/api/webhooks/42/tok3n", "https://discord.com/api/webhooks/42/***")]
    [InlineData("https://discord.com/api/v10/webhooks/42/tok3n?wait=true", "https://discord.com/api/v10/webhooks/42/***")]
    [InlineData("https://discord.example/happy-path", "https://discord.example/***")]
    public void RedactedFormKeepsTheIdAndHidesTheRest(string url, string expected)
    {
        Assert.Equal(expected, WebhookUrlRedactor.Redact(new Uri(url)));
    }
}

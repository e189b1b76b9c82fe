namespace Cao.Discord.Configuration;

/// <summary>The plugin's resolved configuration.</summary>
/// <param name="WebhookUrl">The Discord webhook URL; it carries a secret token, so log only <see cref="WebhookUrlRedactor"/>'s form.</param>
/// <param name="Timeout">How long one webhook POST may take before it counts as a network failure.</param>
internal sealed record DiscordOptions(Uri WebhookUrl, TimeSpan Timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
}

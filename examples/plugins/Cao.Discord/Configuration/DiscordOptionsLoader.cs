using System.Globalization;

namespace Cao.Discord.Configuration;

/// <summary>
/// Resolves the plugin's configuration. Precedence, highest first: the process environment, a
/// <c>.env</c> file in the working directory or a parent (both are "the environment", as in the
/// Python original), then CAO's per-plugin settings (<c>webhook_url</c>, <c>timeout_seconds</c>).
/// </summary>
internal sealed class DiscordOptionsLoader
{
    public const string WebhookUrlVariable = "CAO_DISCORD_WEBHOOK_URL";
    public const string TimeoutVariable = "CAO_DISCORD_TIMEOUT_SECONDS";
    public const string WebhookUrlSetting = "webhook_url";
    public const string TimeoutSetting = "timeout_seconds";

    private readonly Func<string, string?> _environment;
    private readonly IReadOnlyDictionary<string, string> _dotEnv;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public DiscordOptionsLoader(
        Func<string, string?> environment,
        IReadOnlyDictionary<string, string> dotEnv,
        IReadOnlyDictionary<string, string> settings)
    {
        _environment = environment;
        _dotEnv = dotEnv;
        _settings = settings;
    }

    public DiscordOptions Load()
    {
        var url = Lookup(WebhookUrlVariable, WebhookUrlSetting)
            ?? throw new DiscordConfigurationException(
                $"{WebhookUrlVariable} is not set. Set it in the environment or in a .env file (see env.template), " +
                $"or set '{WebhookUrlSetting}' in the plugin's settings, then restart cao-server.");

        if (!Uri.TryCreate(url, UriKind.Absolute, out var webhook) || (webhook.Scheme != Uri.UriSchemeHttps && webhook.Scheme != Uri.UriSchemeHttp))
            throw new DiscordConfigurationException(
                $"{WebhookUrlVariable} is not an http(s) URL. Copy the webhook URL from Discord: " +
                "Channel settings -> Integrations -> Webhooks -> Copy Webhook URL.");

        return new DiscordOptions(webhook, ParseTimeout(Lookup(TimeoutVariable, TimeoutSetting)));
    }

    private string? Lookup(string variable, string setting)
    {
        var value = _environment(variable);
        if (string.IsNullOrWhiteSpace(value))
            _dotEnv.TryGetValue(variable, out value);
        if (string.IsNullOrWhiteSpace(value))
            _settings.TryGetValue(setting, out value);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static TimeSpan ParseTimeout(string? value)
    {
        if (value is null)
            return DiscordOptions.DefaultTimeout;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600)
            return TimeSpan.FromSeconds(seconds);
        throw new DiscordConfigurationException(
            $"{TimeoutVariable} must be a number of seconds between 0 and 3600 (for example 5.0), not '{value}'.");
    }
}

using System.Globalization;

namespace Cao.AskHuman;

/// <summary>The plugin's settings (<c>plugins.askhuman.*</c> in settings.json, or <c>CAO_PLUGIN_ASKHUMAN_*</c>).</summary>
internal sealed record AskHumanOptions(Uri WebhookUrl, TimeSpan Timeout, int AnswerPort, string AnswerBaseUrl)
{
    /// <summary>Reads and checks the settings; a missing or bad one throws with the key to set, which CAO logs as the reason the plugin is not configured.</summary>
    public static AskHumanOptions From(IReadOnlyDictionary<string, string> settings)
    {
        if (!settings.TryGetValue("webhook_url", out var raw) || string.IsNullOrWhiteSpace(raw))
            throw new InvalidOperationException("webhook_url is not set: set plugins.askhuman.webhook_url in settings.json or CAO_PLUGIN_ASKHUMAN_WEBHOOK_URL");
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"webhook_url must be an http(s) URL, got '{raw}'");
        var timeout = Number(settings, "timeout_seconds", 300);
        var port = (int)Number(settings, "answer_port", 9891);
        if (port > 65535)
            throw new InvalidOperationException($"answer_port must be a TCP port, got {port}");
        var baseUrl = settings.TryGetValue("answer_base_url", out var b) && !string.IsNullOrWhiteSpace(b) ? b.TrimEnd('/') : $"http://127.0.0.1:{port}";
        return new AskHumanOptions(url, TimeSpan.FromSeconds(timeout), port, baseUrl);
    }

    private static double Number(IReadOnlyDictionary<string, string> settings, string key, double fallback)
    {
        if (!settings.TryGetValue(key, out var raw) || string.IsNullOrWhiteSpace(raw))
            return fallback;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{key} must be a number greater than 0, got '{raw}'");
    }
}

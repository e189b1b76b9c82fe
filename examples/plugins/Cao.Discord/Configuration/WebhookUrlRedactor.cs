namespace Cao.Discord.Configuration;

/// <summary>
/// Hides the secret token of a webhook URL. Anyone holding the token can post to the channel, and
/// server logs are shared far more widely than the configuration, so no log line may carry it.
/// </summary>
internal static class WebhookUrlRedactor
{
    /// <summary>
    /// <c>https://discord.com/api/webhooks/&lt;id&gt;/***</c> for a Discord URL (the id is not secret
    /// and tells webhooks apart); <c>scheme://host/***</c> for any other URL.
    /// </summary>
    public static string Redact(Uri url)
    {
        var (visible, _) = SplitPath(url);
        return $"{url.GetLeftPart(UriPartial.Authority)}/{visible}***";
    }

    /// <summary>
    /// Replaces the secret part of the URL in free text such as an exception message, which .NET
    /// and proxies sometimes fill with the request URL.
    /// </summary>
    public static string Scrub(string text, Uri url)
    {
        var (_, secret) = SplitPath(url);
        var result = text.Replace(url.OriginalString, Redact(url), StringComparison.OrdinalIgnoreCase);
        return secret.Length == 0 ? result : result.Replace(secret, "***", StringComparison.OrdinalIgnoreCase);
    }

    // Everything up to and including the webhook id is shown; the rest (token, query) is secret.
    private static (string Visible, string Secret) SplitPath(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var webhooks = Array.FindIndex(segments, s => s.Equals("webhooks", StringComparison.OrdinalIgnoreCase));
        var shown = webhooks >= 0 && webhooks + 1 < segments.Length ? webhooks + 2 : 0;
        var visible = shown == 0 ? "" : string.Join('/', segments[..shown]) + "/";
        var secret = string.Join('/', segments[shown..]) + url.Query;
        return (visible, secret);
    }
}

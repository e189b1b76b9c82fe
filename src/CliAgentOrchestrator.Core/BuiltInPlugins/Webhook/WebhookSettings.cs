using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CliAgentOrchestrator.Core.PluginHosting;

namespace CliAgentOrchestrator.Core.BuiltInPlugins.Webhook;

/// <summary>
/// The <c>plugins.webhook</c> settings. Receivers are an <c>endpoints</c> list (JSON), each with <c>url</c>,
/// <c>secret</c> (<c>whsec_</c> + base64, as Standard Webhooks defines it) and <c>events</c> (a list or
/// a comma-separated string; all post events when left out); a single receiver may be given with
/// top-level <c>url</c>/<c>secret</c>/<c>events</c>. Tuning: <c>max_attempts</c>, <c>retry_delay_ms</c>
/// (the first backoff, doubled each retry), <c>timeout_seconds</c> per attempt, <c>disable_after</c>
/// (401/403/404/410 answers in a row), <c>queue_size</c> per receiver, <c>include_messages</c>, <c>source</c>.
/// </summary>
public sealed partial record WebhookSettings
{
    public const string SecretPrefix = "whsec_";

    public IReadOnlyList<WebhookEndpointSettings> Endpoints { get; init; } = [];
    public int MaxAttempts { get; init; } = 6;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public int DisableAfter { get; init; } = 3;
    public int QueueSize { get; init; } = 1000;
    public bool IncludeMessages { get; init; }

    /// <summary>The CloudEvents <c>source</c> of every event: this machine, so receivers of several CAO servers can tell them apart.</summary>
    public string Source { get; init; } = "urn:cao:" + Environment.MachineName.ToLowerInvariant();

    /// <exception cref="ArgumentException">A bad value; the message names the setting and says what is expected.</exception>
    public static WebhookSettings From(IReadOnlyDictionary<string, string> settings)
    {
        var endpoints = new SortedDictionary<int, Dictionary<string, List<string>>>();
        if (settings.TryGetValue("endpoints", out var list))
            ReadList(list, endpoints);
        foreach (var (key, value) in settings)
        {
            var match = EndpointKey().Match(key);
            var (index, field) = match.Success ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value)
                : TopLevelKey().Match(key) is { Success: true } top ? (-1, top.Groups[1].Value) : (int.MinValue, "");
            if (index == int.MinValue)
                continue;
            var fields = endpoints.TryGetValue(index, out var found) ? found : endpoints[index] = new(StringComparer.OrdinalIgnoreCase);
            (fields.TryGetValue(field, out var values) ? values : fields[field] = []).Add(value);
        }

        var parsed = endpoints.Select(pair => Endpoint(pair.Key, pair.Value)).ToList();
        if (parsed.Count == 0)
            throw new ArgumentException("plugins.webhook has no receiver: add \"endpoints\": [{ \"url\": \"https://…\", \"secret\": \"whsec_…\" }] (see docs/observability.md)");
        return new WebhookSettings
        {
            Endpoints = parsed,
            MaxAttempts = Number(settings, "max_attempts", 6, 1, 20),
            RetryDelay = TimeSpan.FromMilliseconds(Number(settings, "retry_delay_ms", 1000, 1, 600_000)),
            AttemptTimeout = TimeSpan.FromSeconds(Number(settings, "timeout_seconds", 10, 1, 300)),
            DisableAfter = Number(settings, "disable_after", 3, 1, 1000),
            QueueSize = Number(settings, "queue_size", 1000, 1, 1_000_000),
            IncludeMessages = EventJson.IsTrue(settings, "include_messages"),
            Source = settings.TryGetValue("source", out var source) && source.Trim().Length > 0 ? source.Trim() : new WebhookSettings().Source,
        };
    }

    // settings.json hands a plugin each top-level value as text: the endpoints array arrives as its JSON.
    private static void ReadList(string json, SortedDictionary<int, Dictionary<string, List<string>>> endpoints)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            throw new ArgumentException("plugins.webhook.endpoints must be a list of { \"url\": …, \"secret\": …, \"events\": […] } objects");
        }
        if (root.ValueKind != JsonValueKind.Array || root.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
            throw new ArgumentException("plugins.webhook.endpoints must be a list of { \"url\": …, \"secret\": …, \"events\": […] } objects");
        var index = 0;
        foreach (var endpoint in root.EnumerateArray())
        {
            var fields = endpoints[index++] = new(StringComparer.OrdinalIgnoreCase);
            foreach (var property in endpoint.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList(),
                    JsonValueKind.String => [property.Value.GetString()!],
                    _ => [property.Value.GetRawText()],
                };
            }
        }
    }

    private static WebhookEndpointSettings Endpoint(int index, Dictionary<string, List<string>> fields)
    {
        var where = index < 0 ? "plugins.webhook" : $"plugins.webhook.endpoints[{index}]";
        var url = fields.GetValueOrDefault("url")?.FirstOrDefault()?.Trim();
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"{where}.url must be an http:// or https:// address, got '{url}'");
        byte[]? key = null;
        if (fields.GetValueOrDefault("secret")?.FirstOrDefault()?.Trim() is { Length: > 0 } secret)
            key = Key(secret, where);
        IReadOnlySet<string>? types = null;
        if (fields.GetValueOrDefault("events") is { } events)
        {
            var names = events.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
            var unknown = names.Where(n => !KnownEvents.ByType.ContainsKey(n)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"{where}.events names unknown event type '{unknown[0]}'; use any of {string.Join(", ", KnownEvents.ByType.Keys.Order())}");
            types = names;
        }
        return new WebhookEndpointSettings(uri, key, types);
    }

    private static byte[] Key(string secret, string where)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
            throw new ArgumentException($"{where}.secret must start with '{SecretPrefix}' followed by base64 (Standard Webhooks), e.g. {SecretPrefix}{Convert.ToBase64String(new byte[24])}");
        try
        {
            var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length >= 16 ? key
                : throw new ArgumentException($"{where}.secret is too short: use at least 16 random bytes (24 to 64 is usual)");
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{where}.secret is not '{SecretPrefix}' followed by valid base64");
        }
    }

    private static int Number(IReadOnlyDictionary<string, string> settings, string key, int fallback, int min, int max)
    {
        if (!settings.TryGetValue(key, out var raw))
            return fallback;
        if (!int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"plugins.webhook.{key} must be a whole number from {min} to {max}, got '{raw}'");
        return value;
    }

    // endpoints:0:url from settings.json, endpoints_0_url from CAO_PLUGIN_WEBHOOK_ENDPOINTS_0_URL; events may be a list (events:0).
    [GeneratedRegex(@"^endpoints[:_](\d+)[:_](url|secret|events)(?:[:_]\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex EndpointKey();

    [GeneratedRegex(@"^(url|secret|events)(?:[:_]\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TopLevelKey();
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cao.Discord.Webhooks;

/// <summary>Reads how long a 429 asks us to wait.</summary>
internal static class RetryAfter
{
    /// <summary>Used when Discord gives no hint, which it normally always does.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The body's <c>retry_after</c> (seconds, fractional, as Discord sends it) wins because it is
    /// the most precise; then the <c>Retry-After</c> header (seconds or an HTTP date).
    /// </summary>
    public static TimeSpan? Parse(string body, HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (FromBody(body) is { } fromBody)
            return fromBody;
        if (headers.RetryAfter?.Delta is { } delta)
            return delta;
        if (headers.RetryAfter?.Date is { } date)
            return date > now ? date - now : TimeSpan.Zero;
        // Some proxies send fractional seconds, which the typed header refuses.
        if (headers.TryGetValues("Retry-After", out var values) && ParseSeconds(values.FirstOrDefault()) is { } raw)
            return raw;
        return null;
    }

    private static TimeSpan? FromBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("retry_after", out var value)
                && value.ValueKind == JsonValueKind.Number
                && value.TryGetDouble(out var seconds)
                && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: fall back to the header.
        }
        return null;
    }

    private static TimeSpan? ParseSeconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}

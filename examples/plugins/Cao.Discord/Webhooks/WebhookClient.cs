using System.Text;
using System.Text.Json;

namespace Cao.Discord.Webhooks;

/// <summary>Posts one payload to the webhook, once; retrying is the caller's business.</summary>
internal sealed class WebhookClient(HttpClient http, Uri webhookUrl, TimeProvider time)
{
    private const int MaxBodyInLog = 200;

    /// <exception cref="HttpRequestException">The request could not be sent.</exception>
    /// <exception cref="OperationCanceledException">The request timed out or <paramref name="cancellationToken"/> fired.</exception>
    public async Task<DeliveryResult> PostAsync(WebhookPayload payload, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(webhookUrl, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var retryAfter = (int)response.StatusCode == 429
            ? RetryAfter.Parse(body, response.Headers, time.GetUtcNow())
            : null;
        return new DeliveryResult(response.StatusCode, retryAfter, body.Length <= MaxBodyInLog ? body : body[..MaxBodyInLog]);
    }
}

using System.Net;

namespace Cao.Discord.Webhooks;

/// <summary>What Discord answered to one POST, read before the response is disposed.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="RetryAfter">For a 429, how long Discord asked us to wait.</param>
/// <param name="Body">The start of the response body, for the log.</param>
internal sealed record DeliveryResult(HttpStatusCode Status, TimeSpan? RetryAfter, string Body)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    public bool IsRateLimited => Status == HttpStatusCode.TooManyRequests;

    public bool IsServerError => (int)Status >= 500;

    /// <summary>The webhook was deleted or its token is wrong: retrying can never succeed.</summary>
    public bool IsGone => Status is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound;
}

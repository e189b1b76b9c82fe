using System.Collections.Concurrent;
using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace Cao.Discord.Tests.Doubles;

/// <summary>
/// A Discord webhook played by MockHttp: it records every POST and answers each with the next
/// scripted response, then with 204 No Content as Discord does.
/// </summary>
public sealed class WebhookDouble : IDisposable
{
    public const string Url = "https://discord.com/api/webhooks/123456789012345678/s3cr3t-T0ken_abcdefghijklmnop";
    public const string Token = "s3cr3t-T0ken_abcdefghijklmnop";

    private readonly ConcurrentQueue<RecordedPost> _posts = new();
    private readonly ConcurrentQueue<Func<HttpRequestMessage, Task<HttpResponseMessage>>> _script = new();

    public WebhookDouble(string url = Url)
    {
        // Not async: MockHttp hangs on a faulted task, so a scripted exception must be thrown
        // synchronously (as its own Throw() does). The plugin's StringContent reads synchronously.
        Handler.When(HttpMethod.Post, url).Respond((HttpRequestMessage request) =>
        {
            var json = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            _posts.Enqueue(new RecordedPost(request.RequestUri, json));
            return _script.TryDequeue(out var next) ? next(request) : Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        });
    }

    public MockHttpMessageHandler Handler { get; } = new();

    public IReadOnlyList<RecordedPost> Posts => _posts.ToArray();

    /// <summary>Answers the next unanswered POST with <paramref name="respond"/>.</summary>
    public WebhookDouble Then(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond)
    {
        _script.Enqueue(respond);
        return this;
    }

    public WebhookDouble Then(HttpStatusCode status, string body = "") =>
        Then(_ => Task.FromResult(Response(status, body)));

    public WebhookDouble ThenRateLimited(double retryAfterSeconds) =>
        Then(HttpStatusCode.TooManyRequests,
            $$"""{"message": "You are being rate limited.", "retry_after": {{retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "global": false}""");

    public WebhookDouble ThenThrow(Exception exception) => Then(_ => throw exception);

    public static HttpResponseMessage Response(HttpStatusCode status, string body = "") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, body.StartsWith('{') ? "application/json" : "text/plain") };

    public void Dispose() => Handler.Dispose();
}

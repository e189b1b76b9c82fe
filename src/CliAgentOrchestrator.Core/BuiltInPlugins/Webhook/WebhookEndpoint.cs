using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using CliAgentOrchestrator.Plugins;
using Polly;
using Polly.Retry;

namespace CliAgentOrchestrator.Core.BuiltInPlugins.Webhook;

/// <summary>
/// One receiver: a bounded queue and one sender, so its events arrive in order, one at a time, and
/// a slow or failing receiver only delays itself. Each event is retried with exponential backoff
/// (honouring <c>Retry-After</c>) on 429, 5xx, timeouts and connection errors. A receiver that
/// answers 401/403/404/410 to several events in a row is disabled with one log line saying why.
/// </summary>
internal sealed class WebhookEndpoint
{
    private static readonly HashSet<HttpStatusCode> Rejections =
        [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Gone];

    private readonly WebhookEndpointSettings _endpoint;
    private readonly WebhookSettings _settings;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly Channel<CaoEvent> _queue;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private Task _sender = Task.CompletedTask;
    private int _rejectedInARow;
    private long _delivered, _failed, _dropped;
    private volatile bool _disabled;

    public WebhookEndpoint(WebhookEndpointSettings endpoint, WebhookSettings settings, HttpClient http, ILogger logger, TimeProvider? time = null)
    {
        _endpoint = endpoint;
        _settings = settings;
        _http = http;
        _logger = logger;
        _queue = Channel.CreateBounded<CaoEvent>(
            new BoundedChannelOptions(settings.QueueSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => OnDropped(dropped));
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                MaxRetryAttempts = settings.MaxAttempts - 1,
                Delay = settings.RetryDelay,
                MaxDelay = TimeSpan.FromMinutes(5),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    _logger.LogInformation("Webhook {Url}: attempt {Attempt} answered {Answer}; retrying in {Delay:0.###}s",
                        _endpoint.Url, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay.TotalSeconds);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public Uri Url => _endpoint.Url;
    public bool Disabled => _disabled;
    public long Delivered => Interlocked.Read(ref _delivered);
    public long Failed => Interlocked.Read(ref _failed);
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Start(CancellationToken stopping) => _sender = Task.Run(() => SendAllAsync(stopping), CancellationToken.None);

    /// <summary>Queues <paramref name="e"/> when this receiver wants it; never blocks.</summary>
    public void Offer(CaoEvent e)
    {
        if (_disabled || !_endpoint.Wants(e.EventType))
            return;
        if (!_queue.Writer.TryWrite(e))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Stops intake and waits for the queue to be sent, or for <paramref name="cancellationToken"/>.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _sender.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SendAllAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var e in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                if (_disabled)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }
                await SendAsync(e, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        var left = 0;
        while (_queue.Reader.TryRead(out _))
            left++;
        if (left > 0)
        {
            Interlocked.Add(ref _dropped, left);
            _logger.LogWarning("Webhook {Url}: {Count} events were not sent before shutdown", _endpoint.Url, left);
        }
    }

    private async Task SendAsync(CaoEvent e, CancellationToken stopping)
    {
        var (body, contentType) = WebhookEnvelope.Encode(e, _settings.Source, _settings.IncludeMessages);
        HttpResponseMessage? response = null;
        try
        {
            response = await _retry.ExecuteAsync(async token => await PostOnceAsync(e.EventId, body, contentType, token).ConfigureAwait(false), stopping).ConfigureAwait(false);
            Settle(e, response.StatusCode);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failed);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _failed);
            _logger.LogWarning("Webhook {Url}: gave up on event {EventId} ({EventType}) after {Attempts} attempts: {Reason}",
                _endpoint.Url, e.EventId, e.EventType, _settings.MaxAttempts, ex.Message);
        }
        finally
        {
            response?.Dispose();
        }
    }

    // A new request (and signature, with a fresh timestamp) per attempt; the id stays the event's.
    private async Task<HttpResponseMessage> PostOnceAsync(string eventId, ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Url) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        request.Headers.Add(WebhookSignature.IdHeader, eventId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_endpoint.Key is { } key)
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(key, eventId, timestamp, body.Span));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_settings.AttemptTimeout);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
    }

    private void Settle(CaoEvent e, HttpStatusCode status)
    {
        if ((int)status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _delivered);
            _rejectedInARow = 0;
            return;
        }
        Interlocked.Increment(ref _failed);
        if (!Rejections.Contains(status))
        {
            _logger.LogWarning("Webhook {Url}: event {EventId} ({EventType}) not delivered: the receiver answered {Status} {Reason}",
                _endpoint.Url, e.EventId, e.EventType, (int)status, status);
            return;
        }
        if (++_rejectedInARow < _settings.DisableAfter)
        {
            _logger.LogWarning("Webhook {Url}: event {EventId} ({EventType}) refused with {Status} {Reason} ({Count} in a row)",
                _endpoint.Url, e.EventId, e.EventType, (int)status, status, _rejectedInARow);
            return;
        }
        _disabled = true;
        _logger.LogError("Webhook {Url} disabled: it answered {Status} {Reason} to {Count} events in a row. Check the url and secret in plugins.webhook of settings.json, then restart cao-server",
            _endpoint.Url, (int)status, status, _rejectedInARow);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        outcome.Exception switch
        {
            HttpRequestException => true,
            OperationCanceledException => !cancellationToken.IsCancellationRequested, // the attempt's timeout, not shutdown
            null => outcome.Result is { } response && ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500),
            _ => false,
        };

    // The receiver's Retry-After (seconds or a date) when it gave one, capped; else the backoff.
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, TimeSpan.FromMinutes(5).Ticks)) : null;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"{(int)response.StatusCode} {response.StatusCode}" : outcome.Exception?.Message ?? "nothing";

    private void OnDropped(CaoEvent dropped)
    {
        if (Interlocked.Increment(ref _dropped) == 1)
            _logger.LogWarning("Webhook {Url} is falling behind: its queue of {Capacity} events is full; dropping the oldest (first: {EventId})",
                _endpoint.Url, _settings.QueueSize, dropped.EventId);
    }
}

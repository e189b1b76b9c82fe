using System.Threading.Channels;
using Cao.Discord.Configuration;
using Cao.Discord.Formatting;
using Microsoft.Extensions.Logging;
using Polly;

namespace Cao.Discord.Webhooks;

/// <summary>
/// The one sender of a webhook: a queue with a single reader, so messages reach Discord in the
/// order the hook received them, even while a 429 makes the reader wait. The hook only enqueues,
/// so a slow or rate-limited Discord never holds up CAO's dispatch.
/// </summary>
internal sealed class WebhookSender
{
    /// <summary>Beyond this many waiting messages the oldest are dropped (and counted) rather than held forever.</summary>
    public const int QueueCapacity = 1000;

    private readonly Channel<WebhookMessage> _queue;
    private readonly WebhookClient _client;
    private readonly ResiliencePipeline<DeliveryResult> _policy;
    private readonly ILogger _logger;
    private readonly Uri _webhookUrl;
    private readonly string _redactedUrl;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private bool _gone; // set once Discord says the webhook no longer exists; read by the loop only
    private long _droppedWhileGone;
    private long _droppedWhileFull;

    public WebhookSender(HttpClient http, Uri webhookUrl, ILogger logger, TimeProvider time)
    {
        _webhookUrl = webhookUrl;
        _redactedUrl = WebhookUrlRedactor.Redact(webhookUrl);
        _logger = logger;
        _client = new WebhookClient(http, webhookUrl, time);
        _policy = DeliveryPolicy.Create(logger, time);
        _queue = Channel.CreateBounded<WebhookMessage>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            OnDroppedWhileFull);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a message behind those already waiting; false once the sender was stopped.</summary>
    public bool Enqueue(WebhookMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>
    /// Stops accepting messages and delivers those already queued; when
    /// <paramref name="cancellationToken"/> fires first, abandons the rest and says how many.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false); // ends promptly: every wait observes _stopping
            _logger.LogWarning("Discord plugin stopped before delivering {Count} queued message(s)", _queue.Reader.Count);
        }
        finally
        {
            _stopping.Dispose();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var chunk in MessageSplitter.Split(message.Content))
                    await DeliverAsync(new WebhookPayload(message.Username, chunk)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutdown deadline: StopAsync reports what was left.
        }
        catch (Exception ex)
        {
            // Never expected; without this the queue would silently stop draining.
            _logger.LogError("Discord sender stopped unexpectedly: {Error}", WebhookUrlRedactor.Scrub(ex.Message, _webhookUrl));
        }
    }

    private async Task DeliverAsync(WebhookPayload payload)
    {
        if (_gone)
        {
            var dropped = ++_droppedWhileGone;
            if (IsPowerOfTen(dropped))
                _logger.LogWarning("Discord webhook {Webhook} is gone; dropped {Count} message(s) so far", _redactedUrl, dropped);
            return;
        }

        DeliveryResult result;
        try
        {
            result = await _policy.ExecuteAsync(
                static (state, ct) => new ValueTask<DeliveryResult>(state._client.PostAsync(state.payload, ct)),
                (_client, payload),
                _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Discord webhook POST raised: {Error}", WebhookUrlRedactor.Scrub(ex.Message, _webhookUrl));
            return;
        }
        Report(result);
    }

    private void Report(DeliveryResult result)
    {
        if (result.Succeeded)
            return;
        if (result.IsGone)
        {
            _gone = true;
            _logger.LogWarning(
                "Discord webhook {Webhook} answered {Status}: it was deleted or its token is wrong. No more messages will be sent; " +
                "set a valid {Variable} and restart cao-server",
                _redactedUrl, (int)result.Status, DiscordOptionsLoader.WebhookUrlVariable);
            return;
        }
        var body = WebhookUrlRedactor.Scrub(result.Body, _webhookUrl);
        if (result.IsRateLimited)
            _logger.LogWarning("Discord webhook POST failed: still rate limited after {Retries} retries; message dropped. {Body}", DeliveryPolicy.MaxRateLimitRetries, body);
        else
            _logger.LogWarning("Discord webhook POST failed: {Status} {Body}", (int)result.Status, body);
    }

    private void OnDroppedWhileFull(WebhookMessage _)
    {
        var dropped = Interlocked.Increment(ref _droppedWhileFull);
        if (IsPowerOfTen(dropped))
            _logger.LogWarning("Discord queue full ({Capacity} messages); dropped {Count} oldest message(s) so far", QueueCapacity, dropped);
    }

    // Warn on the 1st, 10th, 100th... drop: a count that grows, without a line per message.
    private static bool IsPowerOfTen(long n)
    {
        while (n % 10 == 0)
            n /= 10;
        return n == 1;
    }
}

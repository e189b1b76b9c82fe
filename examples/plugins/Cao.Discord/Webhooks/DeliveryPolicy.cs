using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Cao.Discord.Webhooks;

/// <summary>
/// The retry rules for one POST, as a Polly pipeline: a 429 waits exactly as long as Discord asks
/// and tries again; a 5xx, a network error or a timeout is retried a few times with exponential
/// backoff. Everything else (2xx, 4xx) is final.
/// </summary>
internal static class DeliveryPolicy
{
    /// <summary>Rate limits are routine on a busy channel; give up only when Discord keeps refusing.</summary>
    public const int MaxRateLimitRetries = 10;

    /// <summary>A broken Discord or network rarely heals within seconds; a few tries is enough.</summary>
    public const int MaxTransientRetries = 3;

    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    public static ResiliencePipeline<DeliveryResult> Create(ILogger logger, TimeProvider time)
    {
        // The outer strategy sees a 429 only after the inner one passed it through untouched, so a
        // rate limit never consumes one of the few transient retries.
        return new ResiliencePipelineBuilder<DeliveryResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<DeliveryResult>
            {
                Name = "discord-rate-limit",
                MaxRetryAttempts = MaxRateLimitRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.IsRateLimited == true),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result?.RetryAfter ?? RetryAfter.Default),
                OnRetry = args =>
                {
                    logger.LogInformation("Discord rate limit hit; waiting {Seconds:0.###}s before retrying", args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddRetry(new RetryStrategyOptions<DeliveryResult>
            {
                Name = "discord-transient",
                MaxRetryAttempts = MaxTransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                // No jitter: one sender per webhook means no herd of clients to spread out, and
                // Polly's jittered series is not monotonic for the first tries (1.2s, 1.2s, 0.8s).
                UseJitter = false,
                Delay = FirstBackoff,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    logger.LogInformation(
                        "Discord webhook POST failed ({Reason}); retry {Attempt} of {Max} in {Seconds:0.###}s",
                        Describe(args.Outcome), args.AttemptNumber + 1, MaxTransientRetries, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static bool IsTransient(Outcome<DeliveryResult> outcome, CancellationToken stopping) => outcome.Exception switch
    {
        null => outcome.Result?.IsServerError == true,
        HttpRequestException => true,
        // HttpClient reports its own timeout as a cancellation; ours (shutdown) is not transient.
        OperationCanceledException => !stopping.IsCancellationRequested,
        _ => false,
    };

    // No exception message here: it may carry the webhook URL, and the log must not.
    private static string Describe(Outcome<DeliveryResult> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : $"HTTP {(int)outcome.Result!.Status}";
}
